import { constants, verify } from 'node:crypto';
import { OID } from './oids.ts';
import type { CertificatePublicKey, KeyAlgorithm } from './public-key.ts';
import { verifySm2 } from './sm2.ts';

/** The signature schemes this package accepts, one per key algorithm. */
export type SignatureAlgorithmName = 'RSA-SHA256' | 'ECDSA-SHA256' | 'SM2-SM3';

export const SIGNATURE_ALGORITHM_OF_KEY: Readonly<Record<KeyAlgorithm, SignatureAlgorithmName>> = {
  RSA: 'RSA-SHA256',
  ECDSA: 'ECDSA-SHA256',
  SM2: 'SM2-SM3',
};

/** Certificate and CRL signature algorithm OIDs → the key algorithm that must have made them. */
const KEY_ALGORITHM_OF_SIGNATURE_OID: Readonly<Record<string, KeyAlgorithm>> = {
  [OID.sha256WithRsaEncryption]: 'RSA',
  [OID.ecdsaWithSha256]: 'ECDSA',
  [OID.sm2WithSm3]: 'SM2',
};

/**
 * Whether `signature` (DER for ECDSA and SM2) over `data` was made with `publicKey`, by the one scheme its key
 * algorithm allows: RSA PKCS#1 v1.5 with SHA-256, ECDSA with SHA-256, SM2 with SM3 and the default ID. `false`, never
 * a throw, for a signature that is malformed.
 */
export const verifyWithKey = (publicKey: CertificatePublicKey, data: Uint8Array, signature: Uint8Array): boolean => {
  try {
    switch (publicKey.algorithm) {
      case 'RSA':
        return verify('sha256', data, { key: publicKey.key, padding: constants.RSA_PKCS1_PADDING }, signature);
      case 'ECDSA':
        return verify('sha256', data, { key: publicKey.key, dsaEncoding: 'der' }, signature);
      case 'SM2':
        return publicKey.sm2Z !== undefined && verifySm2(publicKey.key, publicKey.sm2Z, data, signature);
    }
  } catch {
    return false;
  }
};

/**
 * Whether a certificate or CRL (`tbs` with `signature` by `signatureAlgorithmOid`) was signed by `issuerKey`. An
 * algorithm that does not belong to the issuer's key type fails, so that an RSA issuer can never be checked as EC.
 */
export const verifySignedObject = (
  signatureAlgorithmOid: string,
  issuerKey: CertificatePublicKey,
  tbs: Uint8Array,
  signature: Uint8Array,
): boolean =>
  KEY_ALGORITHM_OF_SIGNATURE_OID[signatureAlgorithmOid] === issuerKey.algorithm &&
  verifyWithKey(issuerKey, tbs, signature);
