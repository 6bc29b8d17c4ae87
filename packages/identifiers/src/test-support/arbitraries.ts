import fc from 'fast-check';
import { USCC_ALPHABET } from '../gb32100-check.ts';
import { generateCitizenId } from '../generate-citizen-id.ts';
import { generateUscc } from '../generate-uscc.ts';
import { PROVINCE_LEVEL_DIVISIONS } from '../provinces.ts';
import { REGISTRATION_AUTHORITIES } from '../uscc-registration-authorities.ts';

/** A fixed "today" so that property runs do not depend on the clock. */
export const TODAY = new Date('2025-06-01T00:00:00Z');

const digits = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

const regionCode: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PROVINCE_LEVEL_DIVISIONS.map((division) => division.code)), digits(4))
  .map(([province, rest]) => `${province}${rest}`);

const birthDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-05-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Valid citizen ID numbers over every province, birth dates from 1900 to the fixed today, every sequence. */
export const citizenIdArbitrary: fc.Arbitrary<string> = fc
  .record({ region: regionCode, birthDate, sequence: fc.integer({ min: 0, max: 999 }) })
  .map((parts) => generateCitizenId(parts));

const registrationPair = fc.constantFrom(
  ...REGISTRATION_AUTHORITIES.flatMap((authority) =>
    authority.entityTypes.map((type) => [authority.code, type.code] as const),
  ),
);

/** Valid USCCs over every assigned authority/type pair, every province (and national), any organisation body. */
export const usccArbitrary: fc.Arbitrary<string> = fc
  .record({
    pair: registrationPair,
    region: fc.oneof(fc.constant('100000'), regionCode),
    organisationBody: fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 8, maxLength: 8 }),
  })
  .map(({ pair: [registrationAuthority, entityType], region, organisationBody }) =>
    generateUscc({ registrationAuthority, entityType, region, organisationBody }),
  );

/** Full-width forms of ASCII, as Chinese input methods produce them. */
export const toFullWidth = (ascii: string): string =>
  ascii.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
