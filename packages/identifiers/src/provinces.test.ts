import { describe, expect, it } from 'vitest';
import { PROVINCE_LEVEL_DIVISIONS, provinceLevelDivisionOf } from './provinces.ts';

describe('province-level divisions', () => {
  it('lists the 34 codes of GB/T 2260, from 11 to 82, once each', () => {
    const codes = PROVINCE_LEVEL_DIVISIONS.map((division) => division.code);
    expect(codes).toHaveLength(34);
    expect(new Set(codes).size).toBe(34);
    expect(codes.every((code) => /^[1-8][0-9]$/.test(code))).toBe(true);
    expect(codes.at(0)).toBe('11');
    expect(codes.at(-1)).toBe('82');
  });

  it('finds a division by the start of a longer code', () => {
    expect(provinceLevelDivisionOf('440305')).toEqual({ code: '44', zh: '广东省', en: 'Guangdong' });
    expect(provinceLevelDivisionOf('100000')).toBeUndefined();
  });
});
