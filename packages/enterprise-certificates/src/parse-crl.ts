import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';
import { derChildren } from './der-elements.ts';
import { type DistinguishedName, distinguishedName } from './distinguished-name.ts';
import { OID } from './oids.ts';
import { serialNumberHex } from './serial-number.ts';

/** A certificate revocation list (RFC 5280 §5), decoded once when fetched and kept in the cache in this form. */
export interface ParsedCrl {
  /** SHA-256 of the DER, hex: which CRL a cached signature check was for. */
  readonly fingerprint: string;
  /** The exact DER of `tbsCertList`: the bytes the CA signed. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  /** Epoch milliseconds. */
  readonly thisUpdate: number;
  /** Epoch milliseconds; after it the CRL says nothing about revocation. */
  readonly nextUpdate: number;
  /** Serial numbers (see `serialNumberHex`) → epoch milliseconds of revocation. */
  readonly revoked: ReadonlyMap<string, number>;
}

/**
 * CRL extensions we accept when critical. Any other critical one (an issuing distribution point that scopes the
 * list, a delta CRL indicator) changes what the list covers, so the CRL is refused rather than misread.
 */
const HANDLED_CRITICAL = new Set<string>([OID.cRLNumber, OID.authorityKeyIdentifier]);

/**
 * Entries in `revokedCertificates`, counted from the DER. A guard on the schema decoder: given a CRL without
 * nextUpdate, @peculiar/asn1-x509 2.11 silently decodes no revoked certificates at all — which would un-revoke them.
 * After thisUpdate (UTCTime or GeneralizedTime) the only SEQUENCE in TBSCertList is revokedCertificates.
 */
const revokedEntryCount = (tbs: Uint8Array): number => {
  const fields = derChildren(tbs);
  const thisUpdate = fields.findIndex((field) => field[0] === 0x17 || field[0] === 0x18);
  const list = fields.slice(thisUpdate + 1).find((field) => field[0] === 0x30);
  return list === undefined ? 0 : derChildren(list).length;
};

/**
 * Decodes a DER CRL; `undefined` if it is not one or is one this package cannot read correctly. A CRL without
 * nextUpdate is refused: RFC 5280 §5.1.2.5 requires it, and without it nothing says how long the list is current.
 */
export const parseCrl = (der: Uint8Array): ParsedCrl | undefined => {
  try {
    const list = AsnConvert.parse(der, CertificateList);
    const tbs = list.tbsCertList;
    if (list.tbsCertListRaw === undefined) return undefined;
    if (!list.signatureAlgorithm.isEqual(tbs.signature)) return undefined;
    if ((tbs.crlExtensions ?? []).some((e) => e.critical && !HANDLED_CRITICAL.has(e.extnID))) return undefined;
    const nextUpdate = tbs.nextUpdate?.getTime().getTime();
    if (nextUpdate === undefined) return undefined;
    const tbsBytes = new Uint8Array(list.tbsCertListRaw);
    const entries = tbs.revokedCertificates ?? [];
    if (entries.length !== revokedEntryCount(tbsBytes)) return undefined;
    const revoked = new Map<string, number>();
    for (const entry of entries) {
      // A critical entry extension (say, a certificate issuer for an indirect CRL) would change whose serial it is.
      if ((entry.crlEntryExtensions ?? []).some((e) => e.critical)) return undefined;
      revoked.set(serialNumberHex(entry.userCertificate), entry.revocationDate.getTime().getTime());
    }
    return {
      fingerprint: createHash('sha256').update(der).digest('hex'),
      tbs: tbsBytes,
      signatureAlgorithm: list.signatureAlgorithm.algorithm,
      signature: new Uint8Array(list.signature),
      issuer: distinguishedName(tbs.issuer),
      thisUpdate: tbs.thisUpdate.getTime().getTime(),
      nextUpdate,
      revoked,
    };
  } catch {
    return undefined;
  }
};
