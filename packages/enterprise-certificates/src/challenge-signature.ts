import type { CertificatePublicKey } from './public-key.ts';
import { SIGNATURE_ALGORITHM_OF_KEY, type SignatureAlgorithmName, verifyWithKey } from './signature-algorithms.ts';
import { derSignatureFromRaw, RAW_256_BIT_SIGNATURE_LENGTH } from './signature-encoding.ts';

/**
 * Whether the user's signature over the challenge was made with the certificate's private key. The scheme follows
 * from the key; a `claimed` algorithm that contradicts it fails rather than being tried. ECDSA and SM2 signatures are
 * accepted in DER and in raw `r ‖ s` form (browsers' WebCrypto and USB-key middleware produce the latter): both
 * encode the same signature, so accepting both gives an attacker nothing.
 */
export const verifyChallengeSignature = (
  leafKey: CertificatePublicKey,
  challenge: Uint8Array,
  signature: Uint8Array,
  claimed?: SignatureAlgorithmName,
): boolean => {
  if (claimed !== undefined && claimed !== SIGNATURE_ALGORITHM_OF_KEY[leafKey.algorithm]) return false;
  if (leafKey.algorithm !== 'RSA' && signature.length === RAW_256_BIT_SIGNATURE_LENGTH) {
    // A DER signature of exactly 64 bytes is possible (short r and s) though vanishingly rare: tried second.
    return (
      verifyWithKey(leafKey, challenge, derSignatureFromRaw(signature)) || verifyWithKey(leafKey, challenge, signature)
    );
  }
  return verifyWithKey(leafKey, challenge, signature);
};
