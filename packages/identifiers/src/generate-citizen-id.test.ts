import { describe, expect, it } from 'vitest';
import { parseCitizenId } from './citizen-id.ts';
import { generateCitizenId } from './generate-citizen-id.ts';

describe('generateCitizenId', () => {
  it('builds a valid number from its parts', () => {
    expect(generateCitizenId({ region: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe('11010519491231002X');
    const parsed = parseCitizenId(generateCitizenId({ region: '310104', birthDate: '2001-02-03', sequence: 77 }));
    expect(parsed).toMatchObject({ ok: true, regionCode: '310104', birthDate: '2001-02-03', sex: 'male' });
  });

  it('has defaults that make a valid number', () => {
    expect(parseCitizenId(generateCitizenId()).ok).toBe(true);
  });

  it('throws rather than return an invalid number', () => {
    expect(() => generateCitizenId({ region: '990000' })).toThrow(RangeError);
    expect(() => generateCitizenId({ birthDate: '1990-02-30' })).toThrow(RangeError);
    expect(() => generateCitizenId({ birthDate: '1990-2-3' })).toThrow(RangeError);
    expect(() => generateCitizenId({ birthDate: '9999-01-01' })).toThrow(RangeError);
    expect(() => generateCitizenId({ sequence: 1000 })).toThrow(RangeError);
    expect(() => generateCitizenId({ sequence: 1.5 })).toThrow(RangeError);
  });
});
