import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm } from '../public-key.ts';
import { asSm2Key } from '../sm2.ts';

export interface TestKeyPair {
  readonly algorithm: KeyAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** PKCS#8 PEM, as the signing tool reads it. */
  readonly privateKeyPem: string;
}

/**
 * A fresh key pair: RSA-2048, EC P-256 or SM2. SM2 keys are re-imported so that Node treats them as SM2 rather than
 * ECDSA-on-the-SM2-curve (see `sm2.ts`).
 */
export const generateTestKeyPair = (algorithm: KeyAlgorithm): TestKeyPair => {
  const pair =
    algorithm === 'RSA'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: algorithm === 'ECDSA' ? 'prime256v1' : 'SM2' });
  const privateKey = algorithm === 'SM2' ? asSm2Key(pair.privateKey) : pair.privateKey;
  const publicKey = algorithm === 'SM2' ? asSm2Key(pair.publicKey) : pair.publicKey;
  return {
    algorithm,
    privateKey,
    publicKey,
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

const pool = new Map<string, TestKeyPair>();

/**
 * The same key pair for the same algorithm and label within a test run: RSA key generation takes tens of
 * milliseconds, and most tests need a key, not a new one.
 */
export const testKeyPair = (algorithm: KeyAlgorithm, label = 'default'): TestKeyPair => {
  const id = `${algorithm}:${label}`;
  const known = pool.get(id);
  if (known !== undefined) return known;
  const created = generateTestKeyPair(algorithm);
  pool.set(id, created);
  return created;
};
