import { parseUscc, type Uscc } from '@platform/identifiers';
import { type DistinguishedName, nameAttribute } from './distinguished-name.ts';
import { OID } from './oids.ts';
import { type CertificateError, certificateError } from './verification-error.ts';

/**
 * Where a CA writes the company's Unified Social Credit Code in the subject. CAs differ, and a CA that changed its
 * profile has certificates of both kinds in use, so a trust anchor lists one or more mappings, tried in order.
 *
 * - `organizationIdentifier`: the X.520 attribute 2.5.4.97, as ETSI EN 319 412-1 writes it (`NTRCN-<USCC>`) or plain.
 * - `serialNumber`: the X.520 attribute 2.5.4.5 (the subject's serial number, not the certificate's).
 * - `attribute`: a CA-specific OID in the subject (e.g. 1.2.156.10260.4.1.4).
 * - `commonName`: the code in brackets at the end of the common name: `CN=某某有限公司(91350100M000100Y43)`.
 *
 * `prefix` (attribute kinds) is stripped when present: some CAs write `USCC:` or `NTRCN-` before the code.
 */
export type UsccMapping =
  | { readonly kind: 'organizationIdentifier'; readonly prefix?: string }
  | { readonly kind: 'serialNumber'; readonly prefix?: string }
  | { readonly kind: 'attribute'; readonly oid: string; readonly prefix?: string }
  | { readonly kind: 'commonName' };

export type UsccReading =
  | { readonly ok: true; readonly uscc: Uscc; readonly companyName: string }
  | { readonly ok: false; readonly error: CertificateError };

const DEFAULT_PREFIXES: Record<'organizationIdentifier' | 'serialNumber' | 'attribute', string | undefined> = {
  // ETSI EN 319 412-1 §5.1.4: "NTR" + ISO 3166 country + "-" + the national trade register number.
  organizationIdentifier: 'NTRCN-',
  serialNumber: undefined,
  attribute: undefined,
};

/** `公司名(code)` or with full-width brackets, as Chinese input methods type them. */
const COMMON_NAME_WITH_CODE = /^(.*?)\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$/u;

const ATTRIBUTE_OID = { organizationIdentifier: OID.organizationIdentifier, serialNumber: OID.serialNumber } as const;

/** The raw text the mapping points at, if the subject has it. */
const rawCode = (subject: DistinguishedName, mapping: UsccMapping): string | undefined => {
  if (mapping.kind === 'commonName') {
    return COMMON_NAME_WITH_CODE.exec(nameAttribute(subject, OID.commonName) ?? '')?.[2];
  }
  const oid = mapping.kind === 'attribute' ? mapping.oid : ATTRIBUTE_OID[mapping.kind];
  const value = nameAttribute(subject, oid)?.trim();
  const prefix = mapping.prefix ?? DEFAULT_PREFIXES[mapping.kind];
  return prefix !== undefined && value?.toUpperCase().startsWith(prefix.toUpperCase())
    ? value.slice(prefix.length)
    : value;
};

/** The organisation name (O), else the common name without a bracketed code after it. */
const companyNameOf = (subject: DistinguishedName): string => {
  const organization = nameAttribute(subject, OID.organizationName)?.trim();
  if (organization) return organization;
  const commonName = nameAttribute(subject, OID.commonName)?.trim() ?? '';
  return COMMON_NAME_WITH_CODE.exec(commonName)?.[1] || commonName;
};

/**
 * Reads the USCC from the subject by the first mapping that finds one, and checks it (format, registration
 * authority, region, organisation code and the GB 32100 check character) with `parseUscc`.
 */
export const readUscc = (subject: DistinguishedName, mappings: readonly UsccMapping[]): UsccReading => {
  const code = mappings
    .map((mapping) => rawCode(subject, mapping))
    .find((value) => value !== undefined && value !== '');
  if (code === undefined) return { ok: false, error: certificateError('uscc_missing') };
  const parsed = parseUscc(code);
  if (!parsed.ok) return { ok: false, error: certificateError('uscc_invalid', { reason: parsed.error }) };
  return { ok: true, uscc: parsed.value, companyName: companyNameOf(subject) };
};
