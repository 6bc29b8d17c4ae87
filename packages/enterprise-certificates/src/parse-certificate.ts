import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, Version } from '@peculiar/asn1-x509';
import { type CertificateExtensions, decodeExtensions } from './certificate-extensions.ts';
import { derChildren } from './der-elements.ts';
import { type DistinguishedName, distinguishedName } from './distinguished-name.ts';
import { serialNumberHex } from './serial-number.ts';

/** What validation reads from a certificate, decoded once. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** SHA-256 of the DER, hex: identifies this exact certificate in caches. */
  readonly fingerprint: string;
  /** The exact DER of `tbsCertificate`: the bytes the issuer signed. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly serialNumber: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  /** Epoch milliseconds. */
  readonly notBefore: number;
  /** Epoch milliseconds. */
  readonly notAfter: number;
  /** DER of SubjectPublicKeyInfo, as `crypto.createPublicKey` takes it. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly extensions: CertificateExtensions;
}

/** Anything larger is not an end-entity or CA certificate: refused before decoding. */
export const MAXIMUM_CERTIFICATE_BYTES = 16 * 1024;

/**
 * The SubjectPublicKeyInfo exactly as the CA signed it, sliced out of the TBSCertificate: `[0] version` (present in
 * v2/v3), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo. Slicing is exact where
 * re-encoding the decoded value might not be, and cheaper.
 */
const subjectPublicKeyInfoBytes = (tbs: Uint8Array): Uint8Array => {
  const fields = derChildren(tbs);
  const spki = fields[fields[0]?.[0] === 0xa0 ? 6 : 5];
  if (spki?.[0] !== 0x30) throw new RangeError('TBSCertificate: no SubjectPublicKeyInfo');
  return spki;
};

/**
 * Decodes a DER certificate; `undefined` if it is not one, or is inconsistent in a way RFC 5280 forbids (inner and
 * outer signature algorithms differ; extensions on a certificate that is not v3; a malformed extension).
 */
export const parseCertificate = (der: Uint8Array): ParsedCertificate | undefined => {
  if (der.length > MAXIMUM_CERTIFICATE_BYTES) return undefined;
  try {
    const certificate = AsnConvert.parse(der, Certificate);
    const tbs = certificate.tbsCertificate;
    if (certificate.tbsCertificateRaw === undefined) return undefined;
    if (!certificate.signatureAlgorithm.isEqual(tbs.signature)) return undefined;
    if (tbs.extensions !== undefined && tbs.version !== Version.v3) return undefined;
    const tbsBytes = new Uint8Array(certificate.tbsCertificateRaw);
    return {
      der,
      fingerprint: createHash('sha256').update(der).digest('hex'),
      tbs: tbsBytes,
      signatureAlgorithm: certificate.signatureAlgorithm.algorithm,
      signature: new Uint8Array(certificate.signatureValue),
      serialNumber: serialNumberHex(tbs.serialNumber),
      issuer: distinguishedName(tbs.issuer),
      subject: distinguishedName(tbs.subject),
      notBefore: tbs.validity.notBefore.getTime().getTime(),
      notAfter: tbs.validity.notAfter.getTime().getTime(),
      subjectPublicKeyInfo: subjectPublicKeyInfoBytes(tbsBytes),
      extensions: decodeExtensions(tbs.extensions ?? []),
    };
  } catch {
    return undefined;
  }
};
