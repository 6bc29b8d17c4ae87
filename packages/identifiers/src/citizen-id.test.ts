import { describe, expect, it } from 'vitest';
import { isValidCitizenId, parseCitizenId } from './citizen-id.ts';
import { citizenIdCheckCharacter } from './iso7064-mod11-2.ts';
import { TODAY } from './test-support/arbitraries.ts';

const withCheck = (first17: string): string => `${first17}${citizenIdCheckCharacter(first17)}`;
const errorCode = (input: unknown, today: Date = TODAY): string | undefined => {
  const result = parseCitizenId(input, { today });
  return result.ok ? undefined : result.error.code;
};

describe('parseCitizenId', () => {
  it('parses the GB 11643 example number', () => {
    expect(parseCitizenId('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      regionCode: '110105',
      province: { code: '11', zh: '北京市', en: 'Beijing' },
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('reads the sex from the parity of digit 17', () => {
    const male = parseCitizenId(withCheck('44030119900307001'), { today: TODAY });
    expect(male.ok && male.sex).toBe('male');
    expect(male.ok && male.province.en).toBe('Guangdong');
  });

  it('normalises what people type: full-width, lower-case x, spaces', () => {
    for (const typed of ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002x', ' 110105 19491231 002X ']) {
      const result = parseCitizenId(typed, { today: TODAY });
      expect(result.ok && result.value).toBe('11010519491231002X');
    }
  });

  it('refuses what is not 17 digits and a digit or X', () => {
    for (const bad of [
      '',
      '11010519491231002',
      '11010519491231002XX',
      '1101051949123100XX',
      '11010519491231002Y',
      null,
      42,
    ]) {
      expect(errorCode(bad)).toBe('citizen_id_format');
    }
    expect(errorCode('1'.repeat(100_000))).toBe('citizen_id_format');
  });

  it('refuses an address code outside the province-level table', () => {
    for (const region of ['000000', '100000', '160000', '720000', '900000']) {
      expect(errorCode(withCheck(`${region}19900101001`))).toBe('citizen_id_region');
    }
  });

  it('accepts the Hong Kong, Macao and Taiwan residence-permit address codes', () => {
    for (const region of ['810000', '820000', '830000'])
      expect(errorCode(withCheck(`${region}19900101001`))).toBeUndefined();
    const taiwan = parseCitizenId(withCheck('83000019900101001'), { today: TODAY });
    expect(taiwan.ok && taiwan.province.code).toBe('83');
    expect(errorCode(withCheck('83010019900101001'))).toBe('citizen_id_region');
  });

  it('refuses a birth date that never existed', () => {
    for (const date of ['19900230', '19901301', '19900001', '19900100', '19000229']) {
      expect(errorCode(withCheck(`110105${date}001`))).toBe('citizen_id_birth_date');
    }
    expect(errorCode(withCheck('11010520000229001'))).toBeUndefined();
  });

  it('refuses a birth before 1900-01-01, though the check character of such a number is right', () => {
    expect(citizenIdCheckCharacter('44052418800101001')).toBe('4');
    expect(errorCode('440524188001010014')).toBe('citizen_id_birth_date');
    expect(errorCode(withCheck('11010518991231001'))).toBe('citizen_id_birth_date');
    expect(errorCode(withCheck('11010519000101001'))).toBeUndefined();
  });

  it('refuses a birth after today, where today is the date in China', () => {
    // 2025-06-01T16:30Z is 00:30 on 2 June in Beijing: a child born on 2 June exists, one born on 3 June does not.
    const justAfterMidnightInBeijing = new Date('2025-06-01T16:30:00Z');
    expect(errorCode(withCheck('11010520250602001'), justAfterMidnightInBeijing)).toBeUndefined();
    expect(errorCode(withCheck('11010520250603001'), justAfterMidnightInBeijing)).toBe('citizen_id_birth_date');
    expect(errorCode(withCheck('11010520250602001'), new Date('2025-06-01T15:59:59Z'))).toBe('citizen_id_birth_date');
  });

  it('refuses a wrong check character', () => {
    expect(errorCode('110105194912310021')).toBe('citizen_id_check_digit');
    expect(errorCode('110105194912310020')).toBe('citizen_id_check_digit');
  });

  it('gives a bilingual message for every error', () => {
    const result = parseCitizenId('110105194912310021', { today: TODAY });
    expect(result).toMatchObject({ ok: false, error: { code: 'citizen_id_check_digit' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(/citizen ID number/);
      expect(result.error.messageZh).toMatch(/公民身份号码/);
    }
  });
});

describe('isValidCitizenId', () => {
  it('is the boolean form of parseCitizenId', () => {
    expect(isValidCitizenId('11010519491231002X')).toBe(true);
    expect(isValidCitizenId('11010519491231002Y')).toBe(false);
    expect(isValidCitizenId(undefined)).toBe(false);
  });
});
