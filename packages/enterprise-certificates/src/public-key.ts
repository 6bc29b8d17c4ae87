import { createHash, createPublicKey, ECDH, type KeyObject } from 'node:crypto';
import { derChildren, derContent } from './der-elements.ts';
import { CURVE_PARAMETERS_DER, KEY_ALGORITHM_DER } from './oids.ts';
import { sm2ZValue } from './sm2.ts';

export type KeyAlgorithm = 'RSA' | 'ECDSA' | 'SM2';

/** A certificate's public key, imported once, with what verifying with it needs. */
export interface CertificatePublicKey {
  readonly algorithm: KeyAlgorithm;
  readonly key: KeyObject;
  /** SHA-256 of the SubjectPublicKeyInfo DER, hex: which key a cached signature check was made with. */
  readonly fingerprint: string;
  /** SM2 only: Z with the GM/T 0009 default ID (see `sm2.ts`). */
  readonly sm2Z?: Uint8Array;
}

/** RSA keys below this size are refused: 2048 bits is the floor both NIST and the Chinese CA rules set. */
export const MINIMUM_RSA_MODULUS_BITS = 2048;

const hex = (bytes: Uint8Array | undefined): string => (bytes === undefined ? '' : Buffer.from(bytes).toString('hex'));

/** `04 ‖ x ‖ y`, decompressing `02/03 ‖ x` (allowed by SEC 1, though CAs write uncompressed points). */
const uncompressedSm2Point = (point: Uint8Array): Uint8Array =>
  point[0] === 0x04
    ? point
    : new Uint8Array(ECDH.convertKey(point, 'SM2', undefined, undefined, 'uncompressed') as Buffer);

/**
 * Imports a SubjectPublicKeyInfo if it is a key this package verifies with: RSA (≥ 2048 bits), EC on P-256, or EC on
 * the SM2 curve. `undefined` for anything else, including a point that is not on its curve.
 */
export const importSubjectPublicKey = (spkiDer: Uint8Array): CertificatePublicKey | undefined => {
  try {
    // SEQUENCE { AlgorithmIdentifier SEQUENCE { OID, parameters }, BIT STRING }: read by bytes, as a schema decode
    // would cost more than the rest of the import.
    const [algorithmIdentifier, bitString] = derChildren(spkiDer);
    const [algorithm, parameters] = derChildren(algorithmIdentifier ?? new Uint8Array());
    const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    const fingerprint = createHash('sha256').update(spkiDer).digest('hex');
    if (hex(algorithm) === KEY_ALGORITHM_DER.rsaEncryption) {
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      return key.asymmetricKeyType === 'rsa' && bits >= MINIMUM_RSA_MODULUS_BITS
        ? { algorithm: 'RSA', key, fingerprint }
        : undefined;
    }
    if (hex(algorithm) !== KEY_ALGORITHM_DER.ecPublicKey) return undefined;
    const curve = hex(parameters);
    if (curve === CURVE_PARAMETERS_DER.p256) return { algorithm: 'ECDSA', key, fingerprint };
    if (curve === CURVE_PARAMETERS_DER.sm2 && bitString !== undefined) {
      // The BIT STRING's first content byte counts unused bits (0 for a point); the point follows.
      const sm2Z = sm2ZValue(uncompressedSm2Point(derContent(bitString).subarray(1)));
      return { algorithm: 'SM2', key, fingerprint, sm2Z };
    }
    return undefined;
  } catch {
    return undefined;
  }
};
