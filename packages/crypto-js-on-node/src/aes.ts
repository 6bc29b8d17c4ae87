import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Base64 } from './encoders.ts';
import { WordArray } from './word-array.ts';

/** What `AES.encrypt` answers: the ciphertext, written as base64 by `toString()` (crypto-js's OpenSSL format, no salt). */
export class CipherParams {
  readonly ciphertext: WordArray;

  constructor(ciphertext: WordArray) {
    this.ciphertext = ciphertext;
  }

  toString(): string {
    return Base64.stringify(this.ciphertext);
  }
}

export class UnsupportedCryptoJsUseError extends TypeError {
  constructor(what: string) {
    super(`crypto-js-on-node supports AES-CBC with a key and an IV given as bytes, not ${what}.`);
    this.name = 'UnsupportedCryptoJsUseError';
  }
}

const BLOCK = 16;
/** crypto-js's OpenSSL format marks a salted ciphertext with these 8 bytes, the salt after them. */
const SALTED = Buffer.from('Salted__');

/** The cipher for `key`, refusing what crypto-js would take for a passphrase or for other modes and paddings. */
const algorithmOf = (key: unknown, config: unknown): { name: string; key: Buffer; iv: Buffer } => {
  if (!(key instanceof WordArray)) throw new UnsupportedCryptoJsUseError('a passphrase (OpenSSL key derivation)');
  if (![16, 24, 32].includes(key.sigBytes)) throw new UnsupportedCryptoJsUseError(`a ${key.sigBytes}-byte key`);
  const { iv, ...others } = (config ?? {}) as { iv?: unknown };
  if (Object.keys(others).length > 0)
    throw new UnsupportedCryptoJsUseError(`options ${Object.keys(others).join(', ')}`);
  if (!(iv instanceof WordArray) || iv.sigBytes !== BLOCK) throw new UnsupportedCryptoJsUseError('no 16-byte IV');
  return { name: `aes-${key.sigBytes * 8}-cbc`, key: key.bytes, iv: iv.bytes };
};

/**
 * `CryptoJS.AES` as alipay-sdk calls it for its encrypted requests and answers (`needEncrypt`, `encryptKey`):
 * AES-CBC, PKCS#7 padding, the key and IV as bytes; text in and out as UTF-8, ciphertext as base64.
 */
export const AES = {
  encrypt(message: string | WordArray, key: WordArray, config: { readonly iv: WordArray }): CipherParams {
    const { name, key: secret, iv } = algorithmOf(key, config);
    const cipher = createCipheriv(name, secret, iv);
    const plaintext = typeof message === 'string' ? Buffer.from(message, 'utf8') : message.bytes;
    return new CipherParams(new WordArray(Buffer.concat([cipher.update(plaintext), cipher.final()])));
  },

  /**
   * The plaintext bytes. Like crypto-js, the padding is trusted rather than checked, so a wrong key gives wrong bytes
   * (often none, or not UTF-8) rather than an exception: alipay-sdk reads an empty result as a decryption failure.
   */
  decrypt(ciphertext: string | CipherParams, key: WordArray, config: { readonly iv: WordArray }): WordArray {
    const { name, key: secret, iv } = algorithmOf(key, config);
    let bytes = typeof ciphertext === 'string' ? Buffer.from(ciphertext, 'base64') : ciphertext.ciphertext.bytes;
    // A salt only matters to a passphrase, which is refused above; crypto-js drops it with a key too.
    if (bytes.subarray(0, SALTED.length).equals(SALTED)) bytes = bytes.subarray(2 * SALTED.length);
    if (bytes.length % BLOCK !== 0) throw new Error(`The ciphertext is ${bytes.length} bytes, not whole AES blocks.`);
    const decipher = createDecipheriv(name, secret, iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(bytes), decipher.final()]);
    const padding = padded.length > 0 ? (padded[padded.length - 1] as number) : 0;
    return new WordArray(padded.subarray(0, Math.max(0, padded.length - padding)));
  },
};
