import { hkdfSync } from 'node:crypto';

/** A secret as configuration gives it: raw bytes, or a string whose UTF-8 bytes are the key (e.g. base64 text). */
export type SecretKey = Uint8Array | string;

const MINIMUM_KEY_BYTES = 32;

export const secretKeyBytes = (name: string, key: SecretKey): Buffer => {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < MINIMUM_KEY_BYTES) {
    throw new TypeError(`${name} must be at least ${MINIMUM_KEY_BYTES} bytes of secret material.`);
  }
  return bytes;
};

/** The keys of the phone sign-in, checked once at construction rather than on the first request. */
export interface PhoneOtpKeys {
  /** HMAC key of the blind index of phone numbers and of the rate-limit subject of IP addresses. */
  readonly blindIndex: Buffer;
  /** HMAC key of the stored code hashes. */
  readonly codeHash: Buffer;
  /** AES-256-GCM key sealing the phone number inside a challenge; derived from the code hash key (HKDF). */
  readonly phoneSeal: Buffer;
}

export const phoneOtpKeys = (blindIndexKey: SecretKey, codeHashKey: SecretKey): PhoneOtpKeys => {
  const blindIndex = secretKeyBytes('blindIndexKey', blindIndexKey);
  const codeHash = secretKeyBytes('codeHashKey', codeHashKey);
  // One key per purpose: with a shared key, a leaked code hash key would also un-blind every phone number.
  if (blindIndex.equals(codeHash)) throw new TypeError('blindIndexKey and codeHashKey must be different keys.');
  const phoneSeal = Buffer.from(hkdfSync('sha256', codeHash, Buffer.alloc(0), 'phone-otp/phone-seal/v1', 32));
  return { blindIndex, codeHash, phoneSeal };
};
