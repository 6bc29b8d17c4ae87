import type { PersonalDataKind } from './personal-data-kind.ts';

/** A 256-bit data key in the clear (to use once, then zero) and wrapped (to store beside the ciphertext). */
export interface DataKey {
  readonly plaintext: Buffer;
  readonly wrapped: Buffer;
}

/**
 * Wraps and unwraps data keys under a master key that never leaves its home (KMS in AWS, a local key file on a
 * laptop). Adapters: {@link LocalKeyWrapper}, {@link KmsKeyWrapper}.
 *
 * Contract, method by method:
 * - `keyId`: names the master key; stored in every sealed value so that, after a master-key rotation, the vault
 *   knows which wrapper opens an older value. Stable for the life of the key; not secret.
 * - `generateDataKey(kind)`: a fresh random 32-byte key, and that key wrapped and bound to `kind` (unwrapping
 *   with another kind fails).
 * - `unwrapDataKey(wrapped, kind)`: the 32-byte key back. A wrapped key that was altered, or is presented with
 *   another kind, throws `SealedValueError` (`tampered`); a service failure throws `KeyServiceError`. No SDK
 *   error type escapes.
 */
export interface KeyWrapper {
  readonly keyId: string;
  generateDataKey(kind: PersonalDataKind): Promise<DataKey>;
  unwrapDataKey(wrapped: Buffer, kind: PersonalDataKind): Promise<Buffer>;
}
