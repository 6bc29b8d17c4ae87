import { describe, expect, it } from 'vitest';
import { usccCheckCharacter } from './gb32100-check.ts';
import { organisationCodeCheckCharacter } from './organisation-code.ts';
import { isValidUscc, parseUscc } from './uscc.ts';

/**
 * Codes as printed on business licences and quoted in public sources, each passing both the organisation-code check
 * (characters 9–17) and the GB 32100 check (character 18) as computed by this package.
 */
const PUBLIC_EXAMPLES = [
  '91350100M000100Y43',
  '91110000600037341L',
  '9135052155323005XL', // organisation code check character X
  '12440600MB2C07549J', // registration authority 1 (establishment), type 2 (public institution)
  '53640000MJX1736997', // registration authority 5 (civil affairs), type 3 (foundation)
  '91440300708461136T',
  '914403001922038216',
  '911000001000013428', // national registration, region 100000
  '91100000100003962T',
  '91330100716105852F',
];

/** Builds a code from 16 characters: the organisation check and the USCC check are computed. */
const withChecks = (first16: string): string => {
  const first17 = `${first16}${organisationCodeCheckCharacter(first16.slice(8))}`;
  return `${first17}${usccCheckCharacter(first17)}`;
};
const errorOf = (input: unknown) => {
  const result = parseUscc(input);
  return result.ok ? undefined : result.error;
};

describe('parseUscc', () => {
  it.each(PUBLIC_EXAMPLES)('accepts the public example %s', (code) => {
    expect(parseUscc(code)).toMatchObject({ ok: true, value: code });
  });

  it('returns the parts', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      registrationAuthority: { code: '9', zh: '工商', en: 'Industry and commerce (market regulation)' },
      entityType: { code: '1', zh: '企业', en: 'Enterprise' },
      regionCode: '350100',
      organisationCode: 'M000100Y4',
    });
  });

  it('normalises full-width, lower-case and spaced spellings', () => {
    for (const typed of ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100m000100y43', ' 9135 0100 M000 100Y 43 ']) {
      expect(parseUscc(typed)).toMatchObject({ ok: true, value: '91350100M000100Y43' });
    }
  });

  it('refuses the wrong length or a non-string', () => {
    for (const bad of ['', '91350100M000100Y4', '91350100M000100Y433', undefined, 91350100]) {
      expect(errorOf(bad)).toEqual(expect.objectContaining({ code: 'uscc_format' }));
      expect(errorOf(bad)?.position).toBeUndefined();
    }
  });

  it('names the position of a character that is not a digit or a letter', () => {
    expect(errorOf('91350100-000100Y43')).toMatchObject({ code: 'uscc_format', position: 9 });
  });

  it('names the position of a forbidden letter I, O, Z, S or V', () => {
    const error = errorOf('91350100M000100O43');
    expect(error).toMatchObject({ code: 'uscc_character', position: 16 });
    expect(error?.message).toContain('Character 16');
    expect(error?.messageZh).toContain('第16位');
    for (const letter of 'IOZSV')
      expect(errorOf(`9135010${letter}M000100Y43`)).toMatchObject({ code: 'uscc_character', position: 8 });
  });

  it('refuses a registration authority or entity type that is not assigned', () => {
    for (const pair of ['04', '94', '99', 'Y2', 'B1', '10', 'N4']) {
      expect(errorOf(withChecks(`${pair}350100M000100Y`))).toMatchObject({ code: 'uscc_registration_authority' });
    }
  });

  it('refuses a region that is not 6 digits under a province-level code or the national 100000', () => {
    for (const region of ['000000', '990000', '10000A', '101000', '350A00']) {
      expect(errorOf(withChecks(`91${region}M000100Y`))).toMatchObject({ code: 'uscc_region' });
    }
  });

  it('refuses characters 9–17 that are not a GB 11714 organisation code', () => {
    expect(errorOf('91350100M000100Y53')).toMatchObject({ code: 'uscc_organisation_code' });
    const first17 = '91350100M000100Y5';
    expect(errorOf(`${first17}${usccCheckCharacter(first17)}`)).toMatchObject({ code: 'uscc_organisation_code' });
  });

  it('refuses a wrong check character', () => {
    expect(errorOf('91350100M000100Y44')).toMatchObject({ code: 'uscc_check_character' });
  });

  it('refuses the Xiamen codes issued before 2016 whose character 18 breaks GB 32100 (hutool#2020, #4119)', () => {
    // Real codes, but printed with a wrong check character; the platform applies the standard as written.
    expect(errorOf('91350203M0001FUE2P')).toMatchObject({ code: 'uscc_check_character' });
    expect(errorOf('91350203M0001QKT19')).toMatchObject({ code: 'uscc_check_character' });
  });

  it('gives a bilingual message for every error', () => {
    const error = errorOf('91350100M000100Y44');
    expect(error?.message).toMatch(/Unified Social Credit Code/);
    expect(error?.messageZh).toMatch(/统一社会信用代码/);
  });
});

describe('isValidUscc', () => {
  it('is the boolean form of parseUscc', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc(null)).toBe(false);
  });
});
