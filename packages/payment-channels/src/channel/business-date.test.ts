import { describe, expect, it } from 'vitest';
import { businessDateOf, businessDayBounds } from './business-date.ts';

describe('business days (Asia/Shanghai)', () => {
  it('starts at 16:00 UTC the day before and lasts 24 hours', () => {
    expect(businessDayBounds('2025-03-01')).toEqual({
      startMs: Date.parse('2025-02-28T16:00:00Z'),
      endMs: Date.parse('2025-03-01T16:00:00Z'),
    });
  });

  it('puts an instant in the Beijing day it falls in', () => {
    expect(businessDateOf(Date.parse('2025-02-28T15:59:59.999Z'))).toBe('2025-02-28');
    expect(businessDateOf(Date.parse('2025-02-28T16:00:00Z'))).toBe('2025-03-01');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '20250301', '2025-03-01T00:00:00Z']) {
      expect(() => businessDayBounds(bad), bad).toThrow(RangeError);
    }
  });
});
