import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** 96-bit IVs are GCM's native size; random IVs are safe here because each key encrypts very few messages. */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface GcmCiphertext {
  readonly iv: Buffer;
  /** Ciphertext followed by the 16-byte authentication tag. */
  readonly sealed: Buffer;
}

export const encryptAesGcm = (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): GcmCiphertext => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return { iv, sealed: Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]) };
};

/** Throws (any error) if the tag does not verify; callers turn that into their own typed error. */
export const decryptAesGcm = (key: Uint8Array, { iv, sealed }: GcmCiphertext, aad: Uint8Array): Buffer => {
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new Error('truncated AES-GCM ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
};
