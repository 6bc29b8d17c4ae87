import type { CaCertificate } from './ca-certificate.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import type { TrustAnchor } from './trust-anchor.ts';

/** The user's certificate up to a configured root: `[leaf, intermediates…]`, each issued by the next, the last by `anchor`. */
export interface CertificationPath {
  readonly leaf: ParsedCertificate;
  /** Nearest the leaf first. */
  readonly intermediates: readonly CaCertificate[];
  readonly anchor: TrustAnchor;
}

/** Intermediates above the leaf; beyond this a chain is refused unread. Chinese CAs use one, rarely two. */
export const MAXIMUM_INTERMEDIATES = 3;

/**
 * Whether `issuer` is the certificate named as the issuer of `certificate`: the names match and, when both sides
 * carry key identifiers, they match too (this tells a CA's old root from its renewed one under the same name).
 */
const issues = (issuer: ParsedCertificate, certificate: ParsedCertificate): boolean => {
  if (certificate.issuer.key !== issuer.subject.key) return false;
  const authorityKeyId = certificate.extensions.authorityKeyIdentifier;
  const subjectKeyId = issuer.extensions.subjectKeyIdentifier;
  return authorityKeyId === undefined || subjectKeyId === undefined || authorityKeyId === subjectKeyId;
};

/**
 * Walks up from the leaf: at each step a configured root that issued the current certificate ends the path; else an
 * intermediate the user supplied continues it (in any order; each used once, so a loop cannot form). `undefined` when
 * no configured root is reached: the certificate is from another CA. Signatures are not checked here.
 */
export const buildCertificationPath = (
  leaf: ParsedCertificate,
  supplied: readonly CaCertificate[],
  anchors: readonly TrustAnchor[],
): CertificationPath | undefined => {
  const intermediates: CaCertificate[] = [];
  let current = leaf;
  const unused = [...supplied];
  while (intermediates.length <= MAXIMUM_INTERMEDIATES) {
    const anchor = anchors.find((candidate) => issues(candidate.certificate, current));
    if (anchor !== undefined) return { leaf, intermediates, anchor };
    const index = unused.findIndex((candidate) => issues(candidate.certificate, current));
    const next = unused[index];
    if (next === undefined) return undefined;
    unused.splice(index, 1);
    intermediates.push(next);
    current = next.certificate;
  }
  return undefined;
};
