import { describe, expect, it } from 'vitest';
import { isValidOrganisationCode, organisationCodeCheckCharacter } from './organisation-code.ts';

describe('GB 11714 organisation code', () => {
  it('computes the check character of organisation codes inside public USCCs', () => {
    // M000100Y: M = 22, Y = 34 (Latin values): 22·3 + 1·5 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organisationCodeCheckCharacter('MB2C0754')).toBe('9');
    expect(organisationCodeCheckCharacter('55323005')).toBe('X');
  });

  it('writes 10 as X and 11 as 0', () => {
    expect(organisationCodeCheckCharacter('00000000')).toBe('0'); // 11 − 0 = 11
    expect(organisationCodeCheckCharacter('00000001')).toBe('9'); // 11 − 2
    expect(organisationCodeCheckCharacter('00000010')).toBe('7'); // 11 − 4
    expect(organisationCodeCheckCharacter('00001000')).toBe('6'); // 11 − 5
    expect(organisationCodeCheckCharacter('00000003')).toBe('5'); // 11 − 6
    expect(organisationCodeCheckCharacter('10000000')).toBe('8'); // 11 − 3
    expect(organisationCodeCheckCharacter('00000005')).toBe('1'); // 11 − (10 mod 11)
    expect(organisationCodeCheckCharacter('00000100')).toBe('3'); // 11 − 8
    expect(organisationCodeCheckCharacter('40000000')).toBe('X'); // 4·3 = 12 ≡ 1; 11 − 1 = 10
  });

  it('uses the full Latin values, so a J counts 19 (not the USCC value 18)', () => {
    // J·3 = 57; 57 mod 11 = 2; 11 − 2 = 9. With the USCC value 18: 54 mod 11 = 10; 11 − 10 = 1.
    expect(organisationCodeCheckCharacter('J0000000')).toBe('9');
  });

  it('validates 9-character codes', () => {
    expect(isValidOrganisationCode('M000100Y4')).toBe(true);
    expect(isValidOrganisationCode('M000100Y5')).toBe(false);
    expect(isValidOrganisationCode('M000100Y')).toBe(false);
    expect(() => organisationCodeCheckCharacter('m000100y')).toThrow(RangeError);
  });
});
