import { constants, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { importSubjectPublicKey } from './public-key.ts';
import { SIGNATURE_ALGORITHM_OF_KEY, type SignatureAlgorithmName } from './signature-algorithms.ts';
import { signSm2 } from './sm2.ts';

/** A signature and the scheme that made it. */
export interface DataSignature {
  readonly algorithm: SignatureAlgorithmName;
  /** DER for ECDSA and SM2. */
  readonly signature: Buffer;
}

/**
 * Signs `data` with `privateKey` by the scheme its key type calls for — the same schemes the verifier accepts:
 * RSA → PKCS#1 v1.5 with SHA-256; EC P-256 → ECDSA with SHA-256; SM2 → SM2 with SM3 and the GM/T default ID. Used by
 * the user's signing tool and by the test CA. `undefined` for any other key (RSA below 2048 bits, another curve).
 */
export const signWithPrivateKey = (privateKey: KeyObject, data: Uint8Array): DataSignature | undefined => {
  const publicKey = importSubjectPublicKey(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  if (publicKey === undefined) return undefined;
  const algorithm = SIGNATURE_ALGORITHM_OF_KEY[publicKey.algorithm];
  switch (publicKey.algorithm) {
    case 'RSA':
      return { algorithm, signature: sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }) };
    case 'ECDSA':
      return { algorithm, signature: sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }) };
    case 'SM2':
      return publicKey.sm2Z === undefined
        ? undefined
        : { algorithm, signature: signSm2(privateKey, publicKey.sm2Z, data) };
  }
};
