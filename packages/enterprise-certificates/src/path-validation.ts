import type { BoundedCache } from './bounded-cache.ts';
import type { CaCertificate } from './ca-certificate.ts';
import type { CertificationPath } from './certification-path.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import type { CertificatePublicKey } from './public-key.ts';
import { verifySignedObject } from './signature-algorithms.ts';
import { type CheckResult, failed, PASSED } from './verification-error.ts';

/**
 * RFC 5280 §6 for the paths this package builds, in the order a user is best told about: every signature first (a
 * tampered certificate says nothing true about its dates), then validity dates, then what each certificate may be
 * used for. Revocation, the challenge and the USCC are checked by the caller afterwards.
 */
export const validateCertificationPath = (
  path: CertificationPath,
  now: number,
  verifiedCaSignatures: BoundedCache<true>,
): CheckResult =>
  firstFailure([
    () => checkSignatures(path, verifiedCaSignatures),
    () => checkValidity(path, now),
    () => checkCaConstraints(path),
    () => checkLeafUsage(path),
  ]);

const firstFailure = (checks: readonly (() => CheckResult)[]): CheckResult => {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return PASSED;
};

/** Each certificate with the key of the one above it; the last intermediate (or the leaf) with the root's. */
const issuedPairs = (path: CertificationPath): [ParsedCertificate, CertificatePublicKey][] => {
  const issuers: CaCertificate[] = [...path.intermediates, path.anchor];
  const subjects = [path.leaf, ...path.intermediates.map((ca) => ca.certificate)];
  return subjects.map((certificate, i) => [certificate, (issuers[i] as CaCertificate).publicKey]);
};

/**
 * A CA certificate's signature is checked once per issuer key and remembered by fingerprint: the same intermediates
 * come with every sign-in, and their bytes (hence the result) cannot change under the same fingerprint.
 */
const checkSignatures = (path: CertificationPath, verifiedCaSignatures: BoundedCache<true>): CheckResult => {
  for (const [certificate, issuerKey] of issuedPairs(path)) {
    const cacheKey = `${certificate.fingerprint}:${issuerKey.fingerprint}`;
    const isLeaf = certificate === path.leaf;
    if (!isLeaf && verifiedCaSignatures.get(cacheKey)) continue;
    if (!verifySignedObject(certificate.signatureAlgorithm, issuerKey, certificate.tbs, certificate.signature)) {
      return failed('certificate_signature_invalid');
    }
    if (!isLeaf) verifiedCaSignatures.set(cacheKey, true);
  }
  return PASSED;
};

/** The leaf first: when both the leaf and a CA certificate are out of date, the leaf is what the user can renew. */
const checkValidity = (path: CertificationPath, now: number): CheckResult => {
  const certificates = [path.leaf, ...path.intermediates.map((ca) => ca.certificate), path.anchor.certificate];
  for (const certificate of certificates) {
    const which = certificate === path.leaf ? 'certificate' : 'issuer';
    if (now < certificate.notBefore) return failed('certificate_not_yet_valid', { date: certificate.notBefore, which });
    if (now > certificate.notAfter) return failed('certificate_expired', { date: certificate.notAfter, which });
  }
  return PASSED;
};

/**
 * Every intermediate must be a CA (basicConstraints cA) allowed to sign certificates (keyUsage keyCertSign; required
 * here, as Chinese CA profiles always include it), and no CA — the root included — may have more intermediates below
 * it than its pathLenConstraint allows. Critical extensions we do not understand fail the certificate (RFC 5280
 * §4.2). The root's own constraints were checked when it was configured (`createTrustAnchor`).
 */
const checkCaConstraints = (path: CertificationPath): CheckResult => {
  for (const [index, { certificate }] of path.intermediates.entries()) {
    const { basicConstraints, keyUsage, unhandledCritical } = certificate.extensions;
    if (unhandledCritical.length > 0) return failed('certificate_malformed');
    if (basicConstraints?.cA !== true || keyUsage?.has('keyCertSign') !== true) {
      return failed('certificate_key_usage', { which: 'issuer' });
    }
    if (exceedsPathLength(basicConstraints.pathLenConstraint, index)) {
      return failed('certificate_key_usage', { which: 'issuer' });
    }
  }
  const rootLimit = path.anchor.certificate.extensions.basicConstraints?.pathLenConstraint;
  if (exceedsPathLength(rootLimit, path.intermediates.length))
    return failed('certificate_key_usage', { which: 'issuer' });
  return PASSED;
};

/** `below` is how many intermediates sit below the CA in the path. */
const exceedsPathLength = (limit: number | undefined, below: number): boolean => limit !== undefined && below > limit;

/**
 * The user's certificate must be allowed to make signatures: keyUsage present with digitalSignature (an encryption
 * certificate of a Chinese dual-certificate pair has only keyEncipherment), not itself a CA, and, when it lists
 * extended key usages, one the anchor accepts.
 */
const checkLeafUsage = (path: CertificationPath): CheckResult => {
  const { basicConstraints, keyUsage, extendedKeyUsage, unhandledCritical } = path.leaf.extensions;
  if (unhandledCritical.length > 0) return failed('certificate_malformed');
  if (keyUsage?.has('digitalSignature') !== true || basicConstraints?.cA === true) {
    return failed('certificate_key_usage', { which: 'certificate' });
  }
  const accepted = path.anchor.leafExtendedKeyUsages;
  if (extendedKeyUsage !== undefined && !extendedKeyUsage.some((purpose) => accepted.has(purpose))) {
    return failed('certificate_key_usage', { which: 'certificate' });
  }
  return PASSED;
};
