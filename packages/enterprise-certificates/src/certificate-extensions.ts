import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  ExtendedKeyUsage,
  type Extension,
  KeyUsage,
  KeyUsageFlags,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { createBoundedCache } from './bounded-cache.ts';
import { OID } from './oids.ts';

export type KeyUsageName = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'keyCertSign' | 'cRLSign';

/** The extensions that path validation reads, decoded; absent ones are `undefined`. */
export interface CertificateExtensions {
  readonly basicConstraints?: { readonly cA: boolean; readonly pathLenConstraint?: number };
  readonly keyUsage?: ReadonlySet<KeyUsageName>;
  readonly extendedKeyUsage?: readonly string[];
  /** Hex. */
  readonly authorityKeyIdentifier?: string;
  /** Hex. */
  readonly subjectKeyIdentifier?: string;
  /** URIs of the full names of the distribution points that name no separate CRL issuer. */
  readonly crlDistributionPoints: readonly string[];
  /**
   * Critical extensions this package does not understand. RFC 5280 §4.2: a certificate with one must be rejected,
   * since the CA meant it to restrict the certificate in a way we would otherwise ignore.
   */
  readonly unhandledCritical: readonly string[];
}

const KEY_USAGE_FLAGS: readonly [KeyUsageName, number][] = [
  ['digitalSignature', KeyUsageFlags.digitalSignature],
  ['nonRepudiation', KeyUsageFlags.nonRepudiation],
  ['keyEncipherment', KeyUsageFlags.keyEncipherment],
  ['keyCertSign', KeyUsageFlags.keyCertSign],
  ['cRLSign', KeyUsageFlags.cRLSign],
];

/** Read and enforced (or deliberately accepted: any certificate policy is acceptable here, so policies need no processing). */
const HANDLED = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.authorityKeyIdentifier,
  OID.subjectKeyIdentifier,
  OID.cRLDistributionPoints,
  OID.certificatePolicies,
]);

const hex = (bytes: ArrayBuffer): string => Buffer.from(bytes).toString('hex');

/**
 * Decoded values of the extensions every certificate from one CA carries byte for byte the same (its authority key
 * identifier, CRL distribution points, extended key usages), by their DER. The schema decoder re-encodes implicitly
 * tagged fields, which makes a CRL distribution point cost more to decode than the rest of the extensions together;
 * remembering it saves that on every sign-in. Bounded, since the bytes come from users.
 */
const sharedValues = createBoundedCache<unknown>(512);

const decodedOnce = <T>(extnID: string, value: ArrayBuffer, decode: (value: ArrayBuffer) => T): T => {
  const key = `${extnID}:${hex(value)}`;
  const known = sharedValues.get(key);
  if (known !== undefined) return known as T;
  const decoded = decode(value);
  sharedValues.set(key, decoded);
  return decoded;
};

const keyUsageOf = (value: ArrayBuffer): ReadonlySet<KeyUsageName> => {
  const flags = AsnConvert.parse(value, KeyUsage).toNumber();
  return new Set(KEY_USAGE_FLAGS.filter(([, flag]) => (flags & flag) !== 0).map(([name]) => name));
};

const distributionPointUris = (value: ArrayBuffer): string[] =>
  AsnConvert.parse(value, CRLDistributionPoints)
    .filter((point) => point.cRLIssuer === undefined)
    .flatMap((point) => point.distributionPoint?.fullName ?? [])
    .flatMap((name) => (name.uniformResourceIdentifier === undefined ? [] : [name.uniformResourceIdentifier]));

/** Decodes the extensions; throws on a malformed one (the caller reports the certificate as malformed). */
export const decodeExtensions = (extensions: readonly Extension[]): CertificateExtensions => {
  const seen = new Set<string>();
  const decoded: {
    -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K];
  } = { crlDistributionPoints: [], unhandledCritical: [] };
  for (const extension of extensions) {
    // RFC 5280 §4.2: a certificate must not include more than one instance of an extension.
    if (seen.has(extension.extnID)) throw new Error(`duplicate extension ${extension.extnID}`);
    seen.add(extension.extnID);
    const value = extension.extnValue.buffer;
    switch (extension.extnID) {
      case OID.basicConstraints: {
        const { cA, pathLenConstraint } = AsnConvert.parse(value, BasicConstraints);
        decoded.basicConstraints = pathLenConstraint === undefined ? { cA } : { cA, pathLenConstraint };
        break;
      }
      case OID.keyUsage:
        decoded.keyUsage = keyUsageOf(value);
        break;
      case OID.extKeyUsage:
        decoded.extendedKeyUsage = decodedOnce(extension.extnID, value, (v) =>
          Object.freeze([...AsnConvert.parse(v, ExtendedKeyUsage)]),
        );
        break;
      case OID.authorityKeyIdentifier: {
        const keyIdentifier = decodedOnce(extension.extnID, value, (v) => {
          const identifier = AsnConvert.parse(v, AuthorityKeyIdentifier).keyIdentifier;
          return identifier === undefined ? '' : hex(identifier.buffer);
        });
        if (keyIdentifier !== '') decoded.authorityKeyIdentifier = keyIdentifier;
        break;
      }
      case OID.subjectKeyIdentifier:
        decoded.subjectKeyIdentifier = hex(AsnConvert.parse(value, SubjectKeyIdentifier).buffer);
        break;
      case OID.cRLDistributionPoints:
        decoded.crlDistributionPoints = decodedOnce(extension.extnID, value, (v) =>
          Object.freeze(distributionPointUris(v)),
        );
        break;
      default:
        if (extension.critical && !HANDLED.has(extension.extnID)) {
          decoded.unhandledCritical = [...decoded.unhandledCritical, extension.extnID];
        }
    }
  }
  return decoded;
};
