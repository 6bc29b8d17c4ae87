import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { KEY_BYTES } from './aes-gcm.ts';
import { normalisePersonalData } from './normalise.ts';
import { PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data-kind.ts';

/**
 * Keyed hashes for equality lookups on encrypted columns: HMAC-SHA256 under a key of its own (not the master
 * key, so a leaked index key reveals no ciphertext, and vice versa). Each kind gets its own subkey (HKDF with
 * the kind as `info`), so the same digits as a phone number and as part of another kind never share an index
 * value, and one kind's index cannot be used to test guesses of another's.
 *
 * Note: an index of a low-entropy value (11-digit phone numbers) can be brute-forced by anyone holding the index
 * key; keep the key as secret as the master key.
 */
export class BlindIndex {
  readonly #subkeys: ReadonlyMap<PersonalDataKind, Buffer>;

  constructor(indexKey: Uint8Array) {
    if (indexKey.length !== KEY_BYTES) throw new RangeError('the index key must be 32 bytes');
    this.#subkeys = new Map(
      PERSONAL_DATA_KINDS.map((kind) => [
        kind,
        Buffer.from(hkdfSync('sha256', indexKey, 'personal-data/blind-index', `v1/${kind}`, KEY_BYTES)),
      ]),
    );
  }

  /** base64url HMAC of the normalised value; callers may pass raw input. */
  compute(kind: PersonalDataKind, value: string): string {
    return this.#mac(kind, value).toString('base64url');
  }

  /** Constant-time comparison, for checking a value against an index held in memory. */
  matches(kind: PersonalDataKind, value: string, index: string): boolean {
    const expected = Buffer.from(index, 'base64url');
    const actual = this.#mac(kind, value);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  #mac(kind: PersonalDataKind, value: string): Buffer {
    const subkey = this.#subkeys.get(kind);
    if (!subkey) throw new TypeError(`unknown personal-data kind ${String(kind)}`);
    // Lone surrogates would be encoded as U+FFFD, making distinct strings share an index.
    if (!value.isWellFormed()) throw new TypeError('value must be well-formed Unicode');
    return createHmac('sha256', subkey).update(normalisePersonalData(kind, value), 'utf8').digest();
  }
}
