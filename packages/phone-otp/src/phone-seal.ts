import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { normalisePhoneNumber, type PhoneNumber } from './phone-number.ts';

/**
 * The phone number inside a challenge, sealed with AES-256-GCM so that verifying by challenge id can hand the number
 * back without the table ever holding it in clear. Challenges live minutes, so a key derived from the code hash key
 * suffices; long-lived copies (the account) are the account model's to encrypt with the platform's envelope keys.
 * The challenge id is the associated data: a sealed number moved to another challenge does not open.
 */
const VERSION = 'v1';

export const sealPhoneNumber = (key: Buffer, phone: PhoneNumber, challengeId: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(challengeId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
};

export const openPhoneNumber = (key: Buffer, sealed: string, challengeId: string): PhoneNumber => {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unknown sealed phone number format.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(challengeId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const clear = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return normalisePhoneNumber(clear.toString('utf8'));
};
