import { isValidCitizenId, normaliseIdentifier, provinceLevelDivisionOf } from '@platform/identifiers';
import { maskCitizenId, maskName } from '@platform/personal-data';
import { RefundError } from './refund-errors.ts';

/** What a finance-bureau officer may do: approve (or reject) refunds, or work reconciliation. */
export const OFFICER_ROLES = ['refund_approver', 'reconciler'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const isOfficerRole = (value: unknown): value is OfficerRole => OFFICER_ROLES.includes(value as OfficerRole);

/**
 * A finance-bureau officer, keyed by the blind index of their citizen ID number (the payments context's vault
 * `payerIndex('citizen-id', …)`, the same as payers): the finance console signs the officer in through the identity
 * provider with the `idcard` scope, computes the index and looks the officer up. Nothing in clear is kept: the ID
 * number and name only masked, for display.
 */
export interface FinanceOfficer {
  readonly officerIndex: string;
  readonly maskedIdNumber: string;
  readonly maskedName: string;
  /** The bureau's region (six-digit division code): `110000` covers all of Beijing, `110105` one district. */
  readonly regionCode: string;
  readonly roles: readonly OfficerRole[];
  readonly status: 'active' | 'revoked';
  readonly grantedAt: string;
  readonly updatedAt: string;
  readonly revokedAt?: string;
}

/** What `grant` needs, before the ID number is turned into its index. */
export interface OfficerGrant {
  readonly idNumber: string;
  readonly name: string;
  readonly regionCode: string;
  readonly roles: readonly OfficerRole[];
}

/** A citizen ID number (GB 11643, check digit verified), normalised as the blind index expects it. */
export const parseOfficerIdNumber = (input: unknown): string => {
  const idNumber = typeof input === 'string' ? normaliseIdentifier(input) : '';
  if (!isValidCitizenId(idNumber)) {
    throw new RefundError('invalid_officer', { field: 'idNumber', detail: 'The ID number is not a valid citizen ID.' });
  }
  return idNumber;
};

/** Validated at the entry point: a GB 11643 ID number, a name, a region code, known roles. */
/** A grant as people type it (CLI, console): checked by `parseOfficerGrant`. */
export interface OfficerGrantInput {
  readonly idNumber?: unknown;
  readonly name?: unknown;
  readonly regionCode?: unknown;
  readonly roles?: unknown;
}

export const parseOfficerGrant = (input: OfficerGrantInput): OfficerGrant => {
  const idNumber = parseOfficerIdNumber(input.idNumber);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || [...name].length > 50) {
    throw new RefundError('invalid_officer', { field: 'name', detail: 'The name must be 1 to 50 characters.' });
  }
  const regionCode = input.regionCode;
  if (typeof regionCode !== 'string' || !/^\d{6}$/.test(regionCode) || !provinceLevelDivisionOf(regionCode)) {
    throw new RefundError('invalid_officer', {
      field: 'regionCode',
      detail: 'The region must be a six-digit administrative division code (110000, 110105…).',
    });
  }
  const roles = Array.isArray(input.roles) ? [...new Set(input.roles)] : [];
  if (roles.length === 0 || !roles.every(isOfficerRole)) {
    throw new RefundError('invalid_officer', {
      field: 'roles',
      detail: `Roles must be one or more of ${OFFICER_ROLES.join(', ')}.`,
    });
  }
  return { idNumber, name, regionCode, roles };
};

export const maskedOfficer = (grant: OfficerGrant) => ({
  maskedIdNumber: maskCitizenId(grant.idNumber),
  maskedName: maskName(grant.name),
});

/**
 * Whether a bureau of `officerRegion` oversees `region`: trailing `00` pairs widen the bureau to the city (`1101 00`)
 * or the province (`11 0000`).
 */
export const coversRegion = (officerRegion: string, region: string): boolean => {
  const prefix = officerRegion.replace(/(00)+$/, '');
  return prefix.length > 0 && region.startsWith(prefix);
};
