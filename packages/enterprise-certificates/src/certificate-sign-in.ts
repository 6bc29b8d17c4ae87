import type { CertificateVerification, CertificateVerifier } from './certificate-verifier.ts';
import type { ChallengeIssuer, IssuedChallenge } from './challenge-issuer.ts';
import type { SignatureAlgorithmName } from './signature-algorithms.ts';
import { certificateError } from './verification-error.ts';

export interface CertificateSignInAttempt {
  readonly challengeId: string;
  readonly chainPem: readonly string[];
  readonly signature: Uint8Array;
  readonly signatureAlgorithm?: SignatureAlgorithmName;
}

/**
 * The two steps of an enterprise certificate sign-in. `start` issues a challenge for the browser to have signed;
 * `finish` uses it up, then verifies the certificate and the signature over exactly that challenge. A refusal
 * changes nothing: the caller links an account or raises a level only on `ok: true`.
 */
export interface CertificateSignIn {
  start(): Promise<IssuedChallenge>;
  finish(attempt: CertificateSignInAttempt): Promise<CertificateVerification>;
}

const CONSUMPTION_ERRORS = {
  used: 'challenge_replayed',
  expired: 'challenge_expired',
  unknown: 'challenge_unknown',
} as const;

export const createCertificateSignIn = (dependencies: {
  readonly verifier: CertificateVerifier;
  readonly challenges: ChallengeIssuer;
}): CertificateSignIn => ({
  start: () => dependencies.challenges.issue(),
  finish: async ({ challengeId, chainPem, signature, signatureAlgorithm }) => {
    // Consumed before anything else, so that a challenge is one attempt whatever its outcome, and a stolen
    // signature cannot be tried against several certificates.
    const challenge = await dependencies.challenges.consume(challengeId);
    if (typeof challenge === 'string') return { ok: false, error: certificateError(CONSUMPTION_ERRORS[challenge]) };
    return dependencies.verifier.verify({
      chainPem,
      challenge: challenge.message,
      signature,
      ...(signatureAlgorithm === undefined ? {} : { signatureAlgorithm }),
    });
  },
});
