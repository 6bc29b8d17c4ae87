import { describe, expect, it } from 'vitest';
import { businessDayOf, isBusinessDay, isMonth, previousBusinessDay } from './business-day.ts';

describe('business days (Asia/Shanghai)', () => {
  it('turns at 16:00 UTC', () => {
    expect(businessDayOf(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(businessDayOf(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(previousBusinessDay(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-22');
  });

  it('accepts real days and months only', () => {
    expect(isBusinessDay('2026-02-28')).toBe(true);
    expect(isBusinessDay('2026-02-30')).toBe(false);
    expect(isBusinessDay('2026-2-1')).toBe(false);
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
  });
});
