import type { BoundedCache } from './bounded-cache.ts';
import { type CaCertificate, caCertificate } from './ca-certificate.ts';
import { MAXIMUM_INTERMEDIATES } from './certification-path.ts';
import { type ParsedCertificate, parseCertificate } from './parse-certificate.ts';
import { pemBlocks } from './pem.ts';

/** The user's certificate and the CA certificates sent with it, decoded. */
export interface CertificateChainInput {
  readonly leaf: ParsedCertificate;
  readonly supplied: readonly CaCertificate[];
}

/**
 * Decodes `chainPem` (leaf first; each string may hold one or more CERTIFICATE blocks). `undefined` if any
 * certificate is unreadable or there are more than a path can use. Intermediates are decoded once and kept by their
 * bytes: they are the same for every user of a CA, and decoding is the costliest step of a verification.
 */
export const readCertificateChain = (
  chainPem: unknown,
  parsedIntermediates: BoundedCache<CaCertificate>,
): CertificateChainInput | undefined => {
  if (!Array.isArray(chainPem) || !chainPem.every((pem) => typeof pem === 'string')) return undefined;
  const blocks = (chainPem as string[]).flatMap(pemBlocks).filter((block) => block.label === 'CERTIFICATE');
  const [leafBlock, ...caBlocks] = blocks;
  if (leafBlock === undefined || caBlocks.length > MAXIMUM_INTERMEDIATES + 1) return undefined;
  const leaf = parseCertificate(leafBlock.der);
  if (leaf === undefined) return undefined;
  const supplied: CaCertificate[] = [];
  for (const block of caBlocks) {
    const key = Buffer.from(block.der).toString('base64');
    const known = parsedIntermediates.get(key);
    const parsed = known ?? caCertificateOf(block.der);
    if (parsed === undefined) return undefined;
    if (known === undefined) parsedIntermediates.set(key, parsed);
    supplied.push(parsed);
  }
  return { leaf, supplied };
};

const caCertificateOf = (der: Uint8Array): CaCertificate | undefined => {
  const certificate = parseCertificate(der);
  return certificate === undefined ? undefined : caCertificate(certificate);
};
