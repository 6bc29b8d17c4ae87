import type { Uscc } from '@platform/identifiers';
import { createBoundedCache } from './bounded-cache.ts';
import type { CaCertificate } from './ca-certificate.ts';
import { readCertificateChain } from './certificate-chain-input.ts';
import { buildCertificationPath } from './certification-path.ts';
import { verifyChallengeSignature } from './challenge-signature.ts';
import { type CrlFetcher, createCrlCache } from './crl-cache.ts';
import { formatName } from './distinguished-name.ts';
import { validateCertificationPath } from './path-validation.ts';
import { importSubjectPublicKey, type KeyAlgorithm } from './public-key.ts';
import { checkRevocation } from './revocation-check.ts';
import type { SignatureAlgorithmName } from './signature-algorithms.ts';
import { createTrustAnchor, type TrustAnchorConfig } from './trust-anchor.ts';
import { readUscc } from './uscc-mapping.ts';
import { type CertificateError, type CertificateErrorCode, certificateError } from './verification-error.ts';

export interface CertificateVerifierOptions {
  readonly trustAnchors: readonly TrustAnchorConfig[];
  readonly crlFetcher: CrlFetcher;
  /** How long a fetched CRL is used before fetching it again (it is never used past its own nextUpdate). */
  readonly crlCacheSeconds: number;
  /** Epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
}

export interface VerifyCertificateInput {
  /** PEM certificates, the user's first, then the intermediates (the root may be included; it is not needed). */
  readonly chainPem: readonly string[];
  /** The exact bytes the user signed: `IssuedChallenge.message`. */
  readonly challenge: Uint8Array;
  readonly signature: Uint8Array;
  /** What the client says it signed with; must agree with the certificate's key if given. */
  readonly signatureAlgorithm?: SignatureAlgorithmName;
}

export interface CertificateVerified {
  readonly ok: true;
  readonly uscc: Uscc;
  readonly companyName: string;
  /** The subject as `CN=…, O=…`. */
  readonly subject: string;
  /** The configured name of the trust anchor the chain ends at. */
  readonly issuerCA: string;
  /** Upper-case hex. */
  readonly serialNumber: string;
  /** Epoch milliseconds. */
  readonly notAfter: number;
  readonly keyAlgorithm: KeyAlgorithm;
}

export type CertificateVerification = CertificateVerified | { readonly ok: false; readonly error: CertificateError };

export interface CertificateVerifier {
  /** Resolves to a result for any input; rejects only on a programming error. */
  verify(input: VerifyCertificateInput): Promise<CertificateVerification>;
}

const refuse = (code: CertificateErrorCode): CertificateVerification => ({ ok: false, error: certificateError(code) });

/**
 * Roots are parsed and checked here, once; intermediates, their signatures and CRLs are cached as they are met, so
 * that a verification does the per-user work only: decode the leaf, check its signature and the challenge signature.
 */
export const createCertificateVerifier = (options: CertificateVerifierOptions): CertificateVerifier => {
  if (!(options.crlCacheSeconds > 0))
    throw new TypeError('createCertificateVerifier: crlCacheSeconds must be positive');
  if (options.trustAnchors.length === 0) throw new TypeError('createCertificateVerifier: no trust anchors');
  const now = options.now ?? Date.now;
  const anchors = options.trustAnchors.map(createTrustAnchor);
  const crls = createCrlCache({ fetcher: options.crlFetcher, cacheSeconds: options.crlCacheSeconds, now });
  const parsedIntermediates = createBoundedCache<CaCertificate>(256);
  const verifiedCaSignatures = createBoundedCache<true>(1024);
  const verifiedCrlSignatures = createBoundedCache<true>(1024);

  return {
    verify: async (input) => {
      const at = now();
      const chain = readCertificateChain(input?.chainPem, parsedIntermediates);
      if (chain === undefined) return refuse('certificate_malformed');
      const path = buildCertificationPath(chain.leaf, chain.supplied, anchors);
      if (path === undefined) return refuse('certificate_untrusted');
      const validated = validateCertificationPath(path, at, verifiedCaSignatures);
      if (!validated.ok) return validated;

      const leafKey = importSubjectPublicKey(path.leaf.subjectPublicKeyInfo);
      if (leafKey === undefined) return refuse('certificate_malformed');
      const { challenge, signature, signatureAlgorithm } = input;
      if (!(challenge instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
        return refuse('challenge_signature_invalid');
      }
      if (!verifyChallengeSignature(leafKey, challenge, signature, signatureAlgorithm)) {
        return refuse('challenge_signature_invalid');
      }
      const uscc = readUscc(path.leaf.subject, path.anchor.usccMappings);
      if (!uscc.ok) return uscc;

      // Last, because it may wait on a CA's server: everything that can be refused locally has been.
      const revocation = await checkRevocation(path, crls, at, verifiedCrlSignatures);
      if (!revocation.ok) return revocation;

      return {
        ok: true,
        uscc: uscc.uscc,
        companyName: uscc.companyName,
        subject: formatName(path.leaf.subject),
        issuerCA: path.anchor.name,
        serialNumber: path.leaf.serialNumber,
        notAfter: path.leaf.notAfter,
        keyAlgorithm: leafKey.algorithm,
      };
    },
  };
};
