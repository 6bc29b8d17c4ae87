import { decryptAesGcm, encryptAesGcm } from './aes-gcm.ts';
import { BlindIndex } from './blind-index.ts';
import { SealedValueError } from './errors.ts';
import type { KeyWrapper } from './key-wrapper.ts';
import { isPersonalDataKind, type PersonalDataKind } from './personal-data-kind.ts';
import { formatSealedValue, parseSealedValue, type SealedValue } from './sealed-value.ts';

export interface PersonalDataVaultOptions {
  /** Seals new values, and opens values sealed under its key. */
  readonly keyWrapper: KeyWrapper;
  /** Open-only wrappers for master keys rotated out; values they open report `needsResealing`. */
  readonly previousKeyWrappers?: readonly KeyWrapper[];
  /** 32 bytes, independent of the master key: see {@link BlindIndex}. */
  readonly indexKey: Uint8Array;
}

/**
 * Envelope encryption of personal data. Each `seal` gets a fresh 256-bit data key, used once for AES-256-GCM
 * (random 96-bit IV, the kind as additional data) and stored wrapped beside the ciphertext.
 *
 * Why a fresh data key per seal and no data-key cache: personal data is written rarely (registration, a real-name
 * check), so one KMS GenerateDataKey per write costs little, and in return no data key outlives a call, no key
 * ever encrypts twice (so IV reuse is impossible), and one unwrapped key exposes one value. Opening costs one KMS
 * Decrypt; if reads ever make that expensive, cache per wrapped key, not per kind.
 */
export class PersonalDataVault {
  readonly #keyWrapper: KeyWrapper;
  readonly #wrappers: ReadonlyMap<string, KeyWrapper>;
  readonly #blindIndex: BlindIndex;

  constructor({ keyWrapper, previousKeyWrappers = [], indexKey }: PersonalDataVaultOptions) {
    this.#keyWrapper = keyWrapper;
    this.#wrappers = new Map([...previousKeyWrappers, keyWrapper].map((wrapper) => [wrapper.keyId, wrapper]));
    this.#blindIndex = new BlindIndex(indexKey);
  }

  async seal(kind: PersonalDataKind, plaintext: string): Promise<SealedValue> {
    assertKind(kind);
    // Lone surrogates would come back as U+FFFD: refuse rather than store something other than what was given.
    if (typeof plaintext !== 'string' || !plaintext.isWellFormed()) {
      throw new TypeError('plaintext must be a well-formed Unicode string');
    }
    const dataKey = await this.#keyWrapper.generateDataKey(kind);
    try {
      const { iv, sealed } = encryptAesGcm(dataKey.plaintext, Buffer.from(plaintext, 'utf8'), additionalData(kind));
      return formatSealedValue({
        kind,
        keyId: this.#keyWrapper.keyId,
        wrappedKey: dataKey.wrapped,
        iv,
        ciphertext: sealed,
      });
    } finally {
      dataKey.plaintext.fill(0);
    }
  }

  /**
   * The plaintext. Pass `expectedKind` whenever the caller knows what it reads: without it, an authentic value of
   * another kind (a phone number copied into the citizen-ID column) opens without complaint.
   */
  async open(sealed: SealedValue, expectedKind?: PersonalDataKind): Promise<string> {
    const parts = parseSealedValue(sealed);
    if (expectedKind !== undefined && parts.kind !== expectedKind) {
      throw new SealedValueError('wrong-kind', `expected a sealed ${expectedKind}, found a sealed ${parts.kind}`);
    }
    const wrapper = this.#wrappers.get(parts.keyId);
    if (!wrapper) throw new SealedValueError('unknown-key', 'sealed under a master key this vault does not hold');
    const dataKey = await wrapper.unwrapDataKey(parts.wrappedKey, parts.kind);
    try {
      const plaintext = decryptAesGcm(dataKey, { iv: parts.iv, sealed: parts.ciphertext }, additionalData(parts.kind));
      return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    } catch (error) {
      throw new SealedValueError('tampered', 'the sealed value does not authenticate', { cause: error });
    } finally {
      dataKey.fill(0);
    }
  }

  /** True if the value was sealed under a previous master key: re-seal it to finish a master-key rotation. */
  needsResealing(sealed: SealedValue): boolean {
    return parseSealedValue(sealed).keyId !== this.#keyWrapper.keyId;
  }

  /** Keyed hash for equality lookups (see {@link BlindIndex}); the value is normalised first. */
  blindIndex(kind: PersonalDataKind, value: string): string {
    return this.#blindIndex.compute(kind, value);
  }

  /** Constant-time check of a value against a blind index. */
  blindIndexMatches(kind: PersonalDataKind, value: string, index: string): boolean {
    return this.#blindIndex.matches(kind, value, index);
  }
}

/** The version travels in the AD too, so a value cannot be replayed under a future format's rules. */
const additionalData = (kind: PersonalDataKind) => Buffer.from(`personal-data/v1/${kind}`);

const assertKind = (kind: unknown) => {
  if (!isPersonalDataKind(kind)) throw new TypeError(`unknown personal-data kind ${String(kind)}`);
};
