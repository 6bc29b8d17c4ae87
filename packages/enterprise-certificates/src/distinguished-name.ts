import type { Name } from '@peculiar/asn1-x509';
import { OID } from './oids.ts';

/** One attribute of a name, as the CA wrote it: its OID and its string value. */
export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/**
 * A certificate's issuer or subject: its attributes in order (RDNs flattened; multi-valued RDNs are rare and their
 * order inside the set does not matter here), and a key that is equal exactly when two names are equal, for chaining
 * a certificate to its issuer.
 */
export interface DistinguishedName {
  readonly attributes: readonly NameAttribute[];
  readonly key: string;
}

/**
 * Values of unknown string types come out of the schema as `anyValue` bytes (a full DER TLV); their content is read
 * as UTF-8 because every string type a CA uses for the fields read here is ASCII or UTF-8.
 */
const valueText = (value: Name[number][number]['value']): string => {
  if (value.anyValue !== undefined) {
    const tlv = new Uint8Array(value.anyValue);
    const lengthOctets = (tlv[1] ?? 0) & 0x80 ? 1 + ((tlv[1] ?? 0) & 0x7f) : 1;
    return Buffer.from(tlv.subarray(1 + lengthOctets)).toString('utf8');
  }
  return value.ia5String ?? value.toString();
};

export const distinguishedName = (name: Name): DistinguishedName => {
  // Array.from: `Name` is an Array subclass, and `map` on it would build more `Name`s.
  const rdns = Array.from(name, (rdn) =>
    Array.from(rdn, (attribute) => ({ oid: attribute.type, value: valueText(attribute.value) })),
  );
  // Within one RDN the attributes form a SET: sorted, so that two encodings of the same set compare equal. Values
  // are JSON-quoted so that no value can imitate a separator.
  const key = rdns
    .map((rdn) =>
      rdn
        .map(({ oid, value }) => `${oid}=${JSON.stringify(value)}`)
        .sort()
        .join('+'),
    )
    .join(',');
  return { attributes: rdns.flat(), key };
};

/** The first value of attribute `oid`, if the name has one. */
export const nameAttribute = (name: DistinguishedName, oid: string): string | undefined =>
  name.attributes.find((attribute) => attribute.oid === oid)?.value;

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.serialNumber]: 'serialNumber',
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.organizationIdentifier]: 'organizationIdentifier',
};

/** `CN=…, O=…` in certificate order, for logs and for showing a user which certificate was used. */
export const formatName = (name: DistinguishedName): string =>
  name.attributes.map(({ oid, value }) => `${SHORT_NAMES[oid] ?? oid}=${value}`).join(', ');
