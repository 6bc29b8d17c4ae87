import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { SigningAlgorithm, SigningKey } from './key-set.ts';

/** A fresh key in the `next` state: it is published first and signs only after a rotation. */
export const generateNextSigningKey = async (alg: SigningAlgorithm, now: Date): Promise<SigningKey> => {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' && { modulusLength: 2048 }),
  });
  const privateJwk = await exportJWK(privateKey);
  // Thumbprint kids are derived from the key itself, so they cannot collide or be reused for other material.
  const kid = await calculateJwkThumbprint(privateJwk, 'sha256');
  return { kid, alg, state: 'next', createdAt: now.toISOString(), privateJwk };
};
