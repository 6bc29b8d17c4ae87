import { FORBIDDEN_USCC_LETTERS, usccCheckCharacter } from './gb32100-check.ts';
import type { ParseResult } from './identifier-error.ts';
import { MAXIMUM_INPUT_LENGTH, normaliseIdentifier } from './normalise.ts';
import { isValidOrganisationCode } from './organisation-code.ts';
import { provinceLevelDivisionOf } from './provinces.ts';
import { type UsccErrorCode, usccError } from './uscc-errors.ts';
import { type Designation, type RegistrationAuthority, registrationOf } from './uscc-registration-authorities.ts';

/**
 * A Unified Social Credit Code (统一社会信用代码, GB 32100-2015) that has passed every rule below, in its normalised
 * spelling: 18 ASCII characters, capitals. Only `parseUscc` makes one.
 */
export type Uscc = string & { readonly __brand: 'UnifiedSocialCreditCode' };

export interface UsccParts {
  readonly value: Uscc;
  /** Character 1. */
  readonly registrationAuthority: Omit<RegistrationAuthority, 'entityTypes'>;
  /** Character 2, within its registration authority. */
  readonly entityType: Designation;
  /** Characters 3–8: where the registering authority sits (GB/T 2260); `100000` for national registrations. */
  readonly regionCode: string;
  /** Characters 9–17: the organisation code (GB 11714) with its own check character. */
  readonly organisationCode: string;
}

export type UsccParseResult = ParseResult<UsccParts, UsccErrorCode>;

const NATIONAL_REGION_CODE = '100000';

const failure = (...args: Parameters<typeof usccError>): UsccParseResult => ({ ok: false, error: usccError(...args) });

/** The first character outside the USCC alphabet, reported as a forbidden letter or as not alphanumeric at all. */
const firstBadCharacter = (code: string): UsccParseResult | undefined => {
  for (let i = 0; i < code.length; i += 1) {
    const character = code.charAt(i);
    if (FORBIDDEN_USCC_LETTERS.includes(character)) return failure('uscc_character', { position: i + 1, character });
    if (!/[0-9A-Z]/.test(character)) return failure('uscc_format', { position: i + 1 });
  }
  return undefined;
};

const isRegionCode = (code: string): boolean =>
  /^[0-9]{6}$/.test(code) && (code === NATIONAL_REGION_CODE || provinceLevelDivisionOf(code) !== undefined);

/**
 * Normalises, then checks in order: length, characters, registration authority and entity type, region,
 * organisation code, check character; the first rule broken is the error. The organisation code is checked before
 * the USCC's own check character because a code whose part 9–17 is wrong was not issued under GB 32100 at all,
 * whatever its last character says.
 */
export const parseUscc = (input: unknown): UsccParseResult => {
  if (typeof input !== 'string' || input.length > MAXIMUM_INPUT_LENGTH) return failure('uscc_format');
  const code = normaliseIdentifier(input);
  if (code.length !== 18) return failure('uscc_format');
  const badCharacter = firstBadCharacter(code);
  if (badCharacter) return badCharacter;

  const registration = registrationOf(code.charAt(0), code.charAt(1));
  if (registration === undefined) return failure('uscc_registration_authority');

  const regionCode = code.slice(2, 8);
  if (!isRegionCode(regionCode)) return failure('uscc_region');

  const organisationCode = code.slice(8, 17);
  if (!isValidOrganisationCode(organisationCode)) return failure('uscc_organisation_code');

  if (usccCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) return failure('uscc_check_character');

  const { entityTypes: _, ...registrationAuthority } = registration.authority;
  return {
    ok: true,
    value: code as Uscc,
    registrationAuthority,
    entityType: registration.entityType,
    regionCode,
    organisationCode,
  };
};

/** Whether `input`, once normalised, is a valid Unified Social Credit Code. */
export const isValidUscc = (input: unknown): boolean => parseUscc(input).ok;
