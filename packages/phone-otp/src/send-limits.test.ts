import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OTP_LIMITS,
  otpLimits,
  secondsUntilResend,
  secondsUntilWindowEnds,
  windowSlot,
} from './send-limits.ts';

describe('otpLimits', () => {
  it('defaults to 5 minutes, 5 tries, 60 s between codes, 5/h and 10/day per phone, 20/h and 100/day per IP', () => {
    expect(otpLimits()).toEqual(DEFAULT_OTP_LIMITS);
    expect(DEFAULT_OTP_LIMITS).toMatchObject({ codeTtlSeconds: 300, maxAttempts: 5, resendIntervalSeconds: 60 });
  });

  it('refuses nonsense at construction', () => {
    expect(() => otpLimits({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => otpLimits({ codeTtlSeconds: 1.5 })).toThrow(/codeTtlSeconds/);
    expect(() => otpLimits({ perIp: [{ windowSeconds: 3600, max: -1 }] })).toThrow(/perIp\[0\]\.max/);
  });

  it('orders windows smallest first', () => {
    const limits = otpLimits({
      perPhone: [
        { windowSeconds: 86_400, max: 10 },
        { windowSeconds: 3_600, max: 5 },
      ],
    });
    expect(limits.perPhone.map((limit) => limit.windowSeconds)).toEqual([3_600, 86_400]);
  });
});

describe('windowSlot', () => {
  it('aligns days to midnight in Asia/Shanghai', () => {
    const lateEveningInBeijing = Date.parse('2025-03-01T15:59:59Z'); // 23:59:59 +08:00
    const slot = windowSlot('phone:x', { windowSeconds: 86_400, max: 10 }, lateEveningInBeijing);
    expect(new Date(slot.windowStart * 1000).toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(secondsUntilWindowEnds(slot, lateEveningInBeijing)).toBe(1);
    const nextDay = windowSlot('phone:x', { windowSeconds: 86_400, max: 10 }, lateEveningInBeijing + 1000);
    expect(nextDay.windowStart).toBe(slot.windowEnd);
  });

  it('always contains the instant it was made for, and its wait is 1 s to one window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.constantFrom(60, 3_600, 86_400),
        (now, windowSeconds) => {
          const slot = windowSlot('s', { windowSeconds, max: 1 }, now);
          expect(slot.windowStart * 1000).toBeLessThanOrEqual(now);
          expect(slot.windowEnd * 1000).toBeGreaterThan(now);
          const wait = secondsUntilWindowEnds(slot, now);
          expect(wait).toBeGreaterThanOrEqual(1);
          expect(wait).toBeLessThanOrEqual(windowSeconds);
        },
      ),
    );
  });
});

describe('secondsUntilResend', () => {
  it('counts down the interval in whole seconds, rounding up', () => {
    expect(secondsUntilResend(0, 60, 0)).toBe(60);
    expect(secondsUntilResend(0, 60, 59_001)).toBe(1);
    expect(secondsUntilResend(0, 60, 60_000)).toBe(0);
  });
});
