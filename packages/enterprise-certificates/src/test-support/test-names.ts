import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { OID } from '../oids.ts';
import type { UsccMapping } from '../uscc-mapping.ts';

/** Where a test certificate carries the USCC: any mapping a CA may use, or nowhere. */
export type UsccPlacement = UsccMapping | { readonly kind: 'none' };

type Encoding = 'utf8String' | 'printableString';

const attribute = (oid: string, value: string, encoding: Encoding = 'utf8String'): RelativeDistinguishedName =>
  new RelativeDistinguishedName([
    new AttributeTypeAndValue({ type: oid, value: new AttributeValue({ [encoding]: value }) }),
  ]);

/** `C=CN, O=<name>, CN=<name>`: how Chinese CAs name themselves. */
export const caName = (name: string): Name =>
  new Name([
    attribute(OID.countryName, 'CN', 'printableString'),
    attribute(OID.organizationName, name),
    attribute(OID.commonName, name),
  ]);

/**
 * A company's subject with the USCC where `placement` says. With `commonName` the code is only in `CN=公司(USCC)` and
 * there is no O, as some CAs issue them.
 */
export const companyName = (company: string, uscc: string, placement: UsccPlacement): Name => {
  const country = attribute(OID.countryName, 'CN', 'printableString');
  switch (placement.kind) {
    case 'commonName':
      return new Name([country, attribute(OID.commonName, `${company}(${uscc})`)]);
    case 'organizationIdentifier':
      return new Name([
        country,
        attribute(OID.organizationName, company),
        attribute(OID.organizationIdentifier, `${placement.prefix ?? 'NTRCN-'}${uscc}`),
        attribute(OID.commonName, company),
      ]);
    case 'serialNumber':
      return new Name([
        country,
        attribute(OID.organizationName, company),
        attribute(OID.serialNumber, `${placement.prefix ?? ''}${uscc}`, 'printableString'),
        attribute(OID.commonName, company),
      ]);
    case 'attribute':
      return new Name([
        country,
        attribute(OID.organizationName, company),
        attribute(OID.commonName, company),
        attribute(placement.oid, `${placement.prefix ?? ''}${uscc}`, 'printableString'),
      ]);
    case 'none':
      return new Name([country, attribute(OID.organizationName, company), attribute(OID.commonName, company)]);
  }
};
