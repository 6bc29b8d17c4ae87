import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  delayAfterFailedAttempt,
  InvalidRetryScheduleError,
  queueDelaySeconds,
  retryScheduleFromEnvironment,
} from './retry-schedule.ts';

describe('retry schedule', () => {
  it('retries after 30 s, 2 min, 10 min, 1 h and 6 h, then gives up: six attempts', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) =>
      delayAfterFailedAttempt(DEFAULT_RETRY_SCHEDULE_SECONDS, attempt),
    );
    expect(delays).toEqual([30, 120, 600, 3_600, 21_600, undefined]);
  });

  it('reads a test override from the environment and refuses nonsense', () => {
    expect(retryScheduleFromEnvironment({})).toBe(DEFAULT_RETRY_SCHEDULE_SECONDS);
    expect(retryScheduleFromEnvironment({ DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS: '1, 2' })).toEqual([1, 2]);
    for (const value of ['a', '1,,2', '-1', '99999999']) {
      expect(() => retryScheduleFromEnvironment({ DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS: value })).toThrowError(
        InvalidRetryScheduleError,
      );
    }
  });

  it('hops in legs of at most 15 minutes (the SQS DelaySeconds ceiling)', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(queueDelaySeconds(new Date('2026-01-01T06:00:00Z'), now)).toBe(900);
    expect(queueDelaySeconds(new Date('2026-01-01T00:00:29.2Z'), now)).toBe(30);
    expect(queueDelaySeconds(new Date('2025-12-31T00:00:00Z'), now)).toBe(0);
  });
});
