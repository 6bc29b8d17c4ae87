/**
 * Masking of personal identifiers in free text. Applied to every log line, so that a mistake elsewhere (an ID
 * number in an error message, a phone number in a request body) still never reaches the logs in full.
 *
 * Shapes masked (bounded by non-alphanumerics so that longer digit runs such as payment codes are left alone):
 * - citizen ID number: 17 digits + digit or X → first 3 and last 2 kept: `110***********123X` style;
 * - mainland mobile number: 1[3-9] + 9 digits → `138****5678`.
 */
const CITIZEN_ID = /(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])/g;

export const maskPersonalData = (text: string): string =>
  text
    .replace(CITIZEN_ID, (_, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`)
    .replace(MOBILE, (_, head: string, tail: string) => `${head}****${tail}`);
