import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhoneOtpError } from './errors.ts';
import { isMainlandMobileNumber, maskPhoneNumber, normalisePhoneNumber, toE164 } from './phone-number.ts';

const mobileNumber = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([segment, rest]) => `1${segment}${String(rest).padStart(9, '0')}`);

/** The spellings people type: prefixes and separators around the same 11 digits. */
const spelling = (national: string) =>
  fc
    .tuple(
      fc.constantFrom('', '+86', '86', '0086', '+86 ', '86-', '(+86) ', '＋８６'),
      fc.constantFrom(' ', '-', '', '　'),
    )
    .map(
      ([prefix, separator]) =>
        `${prefix}${national.slice(0, 3)}${separator}${national.slice(3, 7)}${separator}${national.slice(7)}`,
    );

describe('normalisePhoneNumber', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['86-13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 139-1234-5678', '13912345678'],
    [' 199 0000 1111 ', '19900001111'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalisePhoneNumber(input)).toBe(expected);
  });

  it.each([
    '12812345678', // no 12x mobile segment
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '+85213812345678', // Hong Kong prefix
    '+1 138 1234 5678',
    '861381234567', // 86 + 10 digits
    '+86+8613812345678',
    '138-1234-567a',
    '٣٨١٢٣٤٥٦٧٨١', // Arabic-Indic digits are not ASCII digits
    '',
    `1${'3'.repeat(40)}`,
  ])('refuses %j with invalid_phone_number', (input) => {
    const attempt = () => normalisePhoneNumber(input);
    expect(attempt).toThrow(PhoneOtpError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_phone_number', status: 400 }));
  });

  it('refuses what is not a string', () => {
    for (const input of [undefined, null, 13812345678, {}, ['13812345678']]) {
      expect(isMainlandMobileNumber(input)).toBe(false);
    }
  });

  it('maps every accepted spelling of a number to its 11 digits', () => {
    fc.assert(
      fc.property(
        mobileNumber.chain((national) => fc.tuple(fc.constant(national), spelling(national))),
        ([national, typed]) => {
          expect(normalisePhoneNumber(typed)).toBe(national);
        },
      ),
    );
  });

  it('is idempotent on anything it accepts', () => {
    const anything = fc.oneof(mobileNumber.chain(spelling), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(anything, (input) => {
        if (!isMainlandMobileNumber(input)) return;
        const once = normalisePhoneNumber(input);
        expect(normalisePhoneNumber(once)).toBe(once);
      }),
    );
  });
});

describe('maskPhoneNumber and toE164', () => {
  it('keeps the first 3 and last 4 digits', () => {
    const phone = normalisePhoneNumber('13812345678');
    expect(maskPhoneNumber(phone)).toBe('138****5678');
    expect(toE164(phone)).toBe('+8613812345678');
  });
});
