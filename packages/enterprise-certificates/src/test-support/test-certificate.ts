import { createHash, randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  type Name,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import type { KeyUsageName } from '../certificate-extensions.ts';
import { OID } from '../oids.ts';
import { signWithPrivateKey } from '../signing.ts';
import { signatureAlgorithmIdentifier } from './signature-algorithm-identifier.ts';
import type { TestKeyPair } from './test-keys.ts';

export interface CertificateTemplate {
  readonly issuerName: Name;
  readonly issuerKeys: TestKeyPair;
  readonly subjectName: Name;
  readonly subjectKeys: TestKeyPair;
  /** Upper-case hex; default random. */
  readonly serialNumber?: string;
  /** Epoch milliseconds. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** Omit for no basicConstraints extension. */
  readonly basicConstraints?: { readonly cA: boolean; readonly pathLenConstraint?: number };
  /** Omit for no keyUsage extension. */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly extendedKeyUsage?: readonly string[];
  readonly crlUrl?: string;
  /** Extra extensions, e.g. an unknown critical one. */
  readonly extraExtensions?: readonly Extension[];
}

const KEY_USAGE_FLAG: Record<KeyUsageName, number> = {
  digitalSignature: KeyUsageFlags.digitalSignature,
  nonRepudiation: KeyUsageFlags.nonRepudiation,
  keyEncipherment: KeyUsageFlags.keyEncipherment,
  keyCertSign: KeyUsageFlags.keyCertSign,
  cRLSign: KeyUsageFlags.cRLSign,
};

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING. */
export const keyIdentifier = (spki: Uint8Array): Uint8Array =>
  createHash('sha1')
    .update(new Uint8Array(AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey))
    .digest();

const extension = (extnID: string, critical: boolean, value: unknown): Extension =>
  new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

export const randomSerialNumber = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01; // positive and 16 bytes long
  return bytes.toString('hex').toUpperCase();
};

const extensionsOf = (template: CertificateTemplate): Extension[] => {
  const { basicConstraints, keyUsage, extendedKeyUsage, crlUrl, issuerKeys, subjectKeys } = template;
  const list = [
    extension(OID.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectKeys.spki))),
    extension(
      OID.authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyIdentifier(issuerKeys.spki)) }),
    ),
  ];
  if (basicConstraints !== undefined) {
    list.push(extension(OID.basicConstraints, true, new BasicConstraints(basicConstraints)));
  }
  if (keyUsage !== undefined) {
    const flags = keyUsage.reduce((all, name) => all | KEY_USAGE_FLAG[name], 0);
    list.push(extension(OID.keyUsage, true, new KeyUsage(flags)));
  }
  if (extendedKeyUsage !== undefined) {
    list.push(extension(OID.extKeyUsage, false, new ExtendedKeyUsage([...extendedKeyUsage])));
  }
  if (crlUrl !== undefined) {
    const point = new DistributionPoint({
      distributionPoint: new DistributionPointName({
        fullName: [new GeneralName({ uniformResourceIdentifier: crlUrl })],
      }),
    });
    list.push(extension(OID.cRLDistributionPoints, false, new CRLDistributionPoints([point])));
  }
  return [...list, ...(template.extraExtensions ?? [])];
};

/** Builds the TBSCertificate, signs its DER with the issuer's key as a CA would, and returns the certificate DER. */
export const buildCertificate = (template: CertificateTemplate): Uint8Array => {
  const signatureAlgorithm = signatureAlgorithmIdentifier(template.issuerKeys.algorithm);
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(Buffer.from(template.serialNumber ?? randomSerialNumber(), 'hex')).buffer,
    signature: signatureAlgorithm,
    issuer: template.issuerName,
    validity: new Validity({ notBefore: new Date(template.notBefore), notAfter: new Date(template.notAfter) }),
    subject: template.subjectName,
    subjectPublicKeyInfo: AsnConvert.parse(template.subjectKeys.spki, SubjectPublicKeyInfo),
    extensions: new Extensions(extensionsOf(template)),
  });
  const tbs = new Uint8Array(AsnConvert.serialize(tbsCertificate));
  const signed = signWithPrivateKey(template.issuerKeys.privateKey, tbs);
  if (signed === undefined) throw new Error('buildCertificate: the issuer key cannot sign');
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm,
    signatureValue: new Uint8Array(signed.signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(certificate));
};
