import { createHash, randomBytes } from 'node:crypto';
import { decryptAesGcm, encryptAesGcm, IV_BYTES, KEY_BYTES } from './aes-gcm.ts';
import { SealedValueError } from './errors.ts';
import type { DataKey, KeyWrapper } from './key-wrapper.ts';
import type { PersonalDataKind } from './personal-data-kind.ts';

/**
 * Wraps data keys with AES-256-GCM under a local 32-byte master key: the laptop stand-in for KMS, with the same
 * binding of each wrapped key to its `kind` (as additional authenticated data, like KMS's encryption context).
 * Wrapped form: IV (12 bytes) ‖ encrypted key (32) ‖ tag (16).
 */
export class LocalKeyWrapper implements KeyWrapper {
  readonly keyId: string;
  readonly #masterKey: Buffer;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== KEY_BYTES) throw new RangeError('the master key must be 32 bytes');
    this.#masterKey = Buffer.from(masterKey);
    // Derived from the key so that it cannot drift from it; a hash of a 256-bit random key reveals nothing.
    const digest = createHash('sha256').update('personal-data/local-key-id/v1').update(this.#masterKey).digest();
    this.keyId = `local-${digest.subarray(0, 9).toString('base64url')}`;
  }

  async generateDataKey(kind: PersonalDataKind): Promise<DataKey> {
    const plaintext = randomBytes(KEY_BYTES);
    const { iv, sealed } = encryptAesGcm(this.#masterKey, plaintext, this.#aad(kind));
    return { plaintext, wrapped: Buffer.concat([iv, sealed]) };
  }

  async unwrapDataKey(wrapped: Buffer, kind: PersonalDataKind): Promise<Buffer> {
    try {
      const key = decryptAesGcm(
        this.#masterKey,
        { iv: wrapped.subarray(0, IV_BYTES), sealed: wrapped.subarray(IV_BYTES) },
        this.#aad(kind),
      );
      if (key.length !== KEY_BYTES) throw new Error('unwrapped key has the wrong size');
      return key;
    } catch (error) {
      throw new SealedValueError('tampered', 'the wrapped data key does not authenticate', { cause: error });
    }
  }

  #aad(kind: PersonalDataKind): Buffer {
    return Buffer.from(`personal-data/wrap/v1/${this.keyId}/${kind}`);
  }
}
