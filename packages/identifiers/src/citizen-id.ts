import { chinaDateOf, isoDateFromCompact } from './calendar-date.ts';
import { type CitizenIdErrorCode, citizenIdError } from './citizen-id-errors.ts';
import type { ParseResult } from './identifier-error.ts';
import { citizenIdCheckCharacter } from './iso7064-mod11-2.ts';
import { MAXIMUM_INPUT_LENGTH, normaliseIdentifier } from './normalise.ts';
import { type ProvinceLevelDivision, provinceLevelDivisionOf } from './provinces.ts';

/**
 * A citizen ID number (公民身份号码, GB 11643-1999) that has passed every rule below, in its normalised spelling: 18
 * ASCII characters, upper-case X. Only `parseCitizenId` makes one, so a function taking a `CitizenId` needs no check.
 */
export type CitizenId = string & { readonly __brand: 'CitizenId' };

export type Sex = 'male' | 'female';

export interface CitizenIdParts {
  readonly value: CitizenId;
  /** Digits 1–6: the address code of the county where the number was first issued (GB/T 2260). */
  readonly regionCode: string;
  readonly province: ProvinceLevelDivision;
  /** Digits 7–14 as an ISO 8601 calendar date, `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** Digit 17, the last of the sequence code: odd for men, even for women. */
  readonly sex: Sex;
}

export interface ParseCitizenIdOptions {
  /** The instant "today" is taken from (its date in China); injectable so that tests do not depend on the clock. */
  readonly today?: Date;
}

export type CitizenIdParseResult = ParseResult<CitizenIdParts, CitizenIdErrorCode>;

const FORMAT = /^[0-9]{17}[0-9X]$/;

/**
 * Residence permits for residents of Taiwan (港澳台居民居住证) carry a GB 11643 number whose address code is 830000,
 * a code outside GB/T 2260; those for Hong Kong and Macao use 810000 and 820000, already province-level codes.
 * Their holders are citizens of the portals too, so 830000 (exactly) is accepted.
 */
const TAIWAN_RESIDENCE_PERMIT: ProvinceLevelDivision = {
  code: '83',
  zh: '台湾居民（居住证）',
  en: 'Taiwan residents (residence permit)',
};

/**
 * The platform's floor, not GB 11643's: the standard allows any date, but nobody born before 1900 holds a current
 * ID card, and a 18xx year is far more often a typing slip than a 125-year-old citizen.
 */
const EARLIEST_BIRTH_DATE = '1900-01-01';

const divisionOf = (regionCode: string): ProvinceLevelDivision | undefined =>
  regionCode === '830000' ? TAIWAN_RESIDENCE_PERMIT : provinceLevelDivisionOf(regionCode);

const failure = (code: CitizenIdErrorCode): CitizenIdParseResult => ({ ok: false, error: citizenIdError(code) });

/**
 * Normalises, then checks in order: format, address code, birth date, check character; the first rule broken is the
 * error. Accepts `unknown` because it is what every entry point (API body, form field, certificate) hands over.
 */
export const parseCitizenId = (input: unknown, options: ParseCitizenIdOptions = {}): CitizenIdParseResult => {
  if (typeof input !== 'string' || input.length > MAXIMUM_INPUT_LENGTH) return failure('citizen_id_format');
  const id = normaliseIdentifier(input);
  if (!FORMAT.test(id)) return failure('citizen_id_format');

  const regionCode = id.slice(0, 6);
  const province = divisionOf(regionCode);
  if (province === undefined) return failure('citizen_id_region');

  const birthDate = isoDateFromCompact(id.slice(6, 14));
  const today = chinaDateOf(options.today ?? new Date());
  // ISO dates of equal length compare as strings in calendar order.
  if (birthDate === undefined || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return failure('citizen_id_birth_date');
  }

  if (citizenIdCheckCharacter(id.slice(0, 17)) !== id.charAt(17)) return failure('citizen_id_check_digit');

  return {
    ok: true,
    value: id as CitizenId,
    regionCode,
    province,
    birthDate,
    sex: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
};

/**
 * Whether `input`, once normalised, is a valid citizen ID number. A boolean, not a type guard: a refused string is
 * still a string.
 */
export const isValidCitizenId = (input: unknown, options: ParseCitizenIdOptions = {}): boolean =>
  parseCitizenId(input, options).ok;
