export type { CertificateSignIn, CertificateSignInAttempt } from './certificate-sign-in.ts';
export { createCertificateSignIn } from './certificate-sign-in.ts';
export type {
  CertificateVerification,
  CertificateVerified,
  CertificateVerifier,
  CertificateVerifierOptions,
  VerifyCertificateInput,
} from './certificate-verifier.ts';
export { createCertificateVerifier } from './certificate-verifier.ts';
export type {
  ChallengeConsumption,
  ChallengeIssuer,
  ChallengeIssuerOptions,
  IssuedChallenge,
} from './challenge-issuer.ts';
export { createChallengeIssuer } from './challenge-issuer.ts';
export type { ChallengeFields } from './challenge-message.ts';
export { CHALLENGE_PURPOSE, challengeMessage, parseChallengeMessage } from './challenge-message.ts';
export type { ChallengeRecord, ChallengeStore } from './challenge-store.ts';
export { createInMemoryChallengeStore } from './challenge-store.ts';
export type { CrlFetcher } from './crl-cache.ts';
export type { HttpCrlFetcherOptions } from './http-crl-fetcher.ts';
export { createHttpCrlFetcher } from './http-crl-fetcher.ts';
export type { KeyAlgorithm } from './public-key.ts';
export type { SignatureAlgorithmName } from './signature-algorithms.ts';
export type { DataSignature } from './signing.ts';
export { signWithPrivateKey } from './signing.ts';
export { SM2_DEFAULT_USER_ID } from './sm2.ts';
export type { TrustAnchorConfig } from './trust-anchor.ts';
export type { UsccMapping } from './uscc-mapping.ts';
export type { CertificateError, CertificateErrorCode } from './verification-error.ts';
