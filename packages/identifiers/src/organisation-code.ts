/**
 * The organisation code (组织机构代码, GB 11714-1997) that forms characters 9–17 of every USCC: an 8-character body
 * and a check character. Its values are those of the full Latin alphabet (0–9, then A = 10 … Z = 35), not the USCC
 * values: inside a USCC, J is 19 here but 18 for the USCC check.
 * C9 = 11 − (Σ value(c_i)·W_i mod 11) with W = 3 7 9 10 5 8 4 2; 10 is written X and 11 is written 0.
 */
const ORGANISATION_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

const LATIN_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const BODY = /^[0-9A-Z]{8}$/;

/** The check character (`0`–`9` or `X`) of an 8-character organisation code body. */
export const organisationCodeCheckCharacter = (body: string): string => {
  if (!BODY.test(body)) throw new RangeError('organisationCodeCheckCharacter takes 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += LATIN_VALUES.indexOf(body.charAt(i)) * (ORGANISATION_CODE_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
};

/** Whether a 9-character organisation code (no hyphen) carries the right check character. */
export const isValidOrganisationCode = (code: string): boolean =>
  code.length === 9 &&
  BODY.test(code.slice(0, 8)) &&
  organisationCodeCheckCharacter(code.slice(0, 8)) === code.charAt(8);
