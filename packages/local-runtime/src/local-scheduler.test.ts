import { describe, expect, it } from 'vitest';
import { nextDailyRun } from './local-scheduler.ts';

describe('nextDailyRun', () => {
  it('is later today when the time has not come yet, else tomorrow (UTC)', () => {
    const at = { hour: 22, minute: 0 };
    expect(nextDailyRun(at, new Date('2026-11-22T08:00:00Z')).toISOString()).toBe('2026-11-22T22:00:00.000Z');
    expect(nextDailyRun(at, new Date('2026-11-22T22:00:00Z')).toISOString()).toBe('2026-11-23T22:00:00.000Z');
    expect(nextDailyRun(at, new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2027-01-01T22:00:00.000Z');
  });
});
