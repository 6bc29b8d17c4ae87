import type { ParsedCertificate } from './parse-certificate.ts';
import { type CertificatePublicKey, importSubjectPublicKey } from './public-key.ts';

/** A certificate that issues others (root or intermediate), with its key imported once for verifying what it signs. */
export interface CaCertificate {
  readonly certificate: ParsedCertificate;
  readonly publicKey: CertificatePublicKey;
}

export const caCertificate = (certificate: ParsedCertificate): CaCertificate | undefined => {
  const publicKey = importSubjectPublicKey(certificate.subjectPublicKeyInfo);
  return publicKey === undefined ? undefined : { certificate, publicKey };
};
