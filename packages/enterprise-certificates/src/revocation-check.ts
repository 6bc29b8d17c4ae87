import type { BoundedCache } from './bounded-cache.ts';
import type { CaCertificate } from './ca-certificate.ts';
import type { CertificationPath } from './certification-path.ts';
import type { CrlCache } from './crl-cache.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import type { ParsedCrl } from './parse-crl.ts';
import { verifySignedObject } from './signature-algorithms.ts';
import { type CheckResult, failed, PASSED } from './verification-error.ts';

/** A CRL stamped this far in our future is still accepted: the CA's clock and ours differ a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type Status = { readonly revokedAt?: number } | 'unavailable';

/** Only HTTP(S) distribution points are fetched; LDAP ones, which some CAs also list, are skipped. */
const isFetchable = (url: string): boolean => /^https?:\/\//i.test(url);

/**
 * Whether `crl` may say anything about `certificate`: from the same issuer (name, and a signature by the issuer's key
 * — checked once per CRL and key), issued by a CA allowed to sign CRLs, and current.
 */
const speaksFor = (
  crl: ParsedCrl,
  certificate: ParsedCertificate,
  issuer: CaCertificate,
  now: number,
  verifiedCrlSignatures: BoundedCache<true>,
): boolean => {
  if (crl.issuer.key !== certificate.issuer.key) return false;
  // RFC 5280 §4.2.1.3: when keyUsage is present, cRLSign must be in it for the key to sign CRLs.
  const issuerKeyUsage = issuer.certificate.extensions.keyUsage;
  if (issuerKeyUsage !== undefined && !issuerKeyUsage.has('cRLSign')) return false;
  if (crl.thisUpdate > now + CLOCK_SKEW_MS || now > crl.nextUpdate) return false;
  const cacheKey = `${crl.fingerprint}:${issuer.publicKey.fingerprint}`;
  if (verifiedCrlSignatures.get(cacheKey)) return true;
  if (!verifySignedObject(crl.signatureAlgorithm, issuer.publicKey, crl.tbs, crl.signature)) return false;
  verifiedCrlSignatures.set(cacheKey, true);
  return true;
};

const statusOf = async (
  certificate: ParsedCertificate,
  issuer: CaCertificate,
  crls: CrlCache,
  now: number,
  verifiedCrlSignatures: BoundedCache<true>,
): Promise<Status> => {
  for (const url of certificate.extensions.crlDistributionPoints.filter(isFetchable)) {
    const crl = await crls.get(url);
    if (crl === undefined || !speaksFor(crl, certificate, issuer, now, verifiedCrlSignatures)) continue;
    const revokedAt = crl.revoked.get(certificate.serialNumber);
    return revokedAt === undefined ? {} : { revokedAt };
  }
  // No distribution point, or none that answered: fail closed.
  return 'unavailable';
};

/**
 * The leaf and every intermediate against their issuers' CRLs (the root is trusted by configuration, not by CRL),
 * fetched in parallel; the first problem from the leaf upwards is reported.
 */
export const checkRevocation = async (
  path: CertificationPath,
  crls: CrlCache,
  now: number,
  verifiedCrlSignatures: BoundedCache<true>,
): Promise<CheckResult> => {
  const subjects = [path.leaf, ...path.intermediates.map((ca) => ca.certificate)];
  const issuers: CaCertificate[] = [...path.intermediates, path.anchor];
  const statuses = await Promise.all(
    subjects.map((certificate, i) =>
      statusOf(certificate, issuers[i] as CaCertificate, crls, now, verifiedCrlSignatures),
    ),
  );
  for (const [i, status] of statuses.entries()) {
    if (status === 'unavailable') return failed('revocation_unavailable');
    if (status.revokedAt !== undefined) {
      return failed('certificate_revoked', { date: status.revokedAt, which: i === 0 ? 'certificate' : 'issuer' });
    }
  }
  return PASSED;
};
