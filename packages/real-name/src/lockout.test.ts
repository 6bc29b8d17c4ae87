import { describe, expect, it } from 'vitest';
import { countFailure, EMPTY_LOCKOUT, type LockoutState, lockedUntil, lockoutExpiry } from './lockout.ts';

const POLICY = { maxFailures: 5, windowSeconds: 86_400, lockSeconds: 86_400 };
const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-01T00:00:00Z');

const failAt = (times: number[]): { state: LockoutState; last: ReturnType<typeof countFailure> | undefined } => {
  let state = EMPTY_LOCKOUT;
  let last: ReturnType<typeof countFailure> | undefined;
  for (const at of times) {
    last = countFailure(state, at, POLICY);
    state = last.state;
  }
  return { state, last };
};

describe('lockout', () => {
  it('counts down the attempts left, and the fifth failure in 24 h locks for 24 h', () => {
    const remaining = [1, 2, 3, 4].map(
      (n) => failAt(Array.from({ length: n }, (_, i) => T0 + i * HOUR)).last?.remainingAttempts,
    );
    expect(remaining).toEqual([4, 3, 2, 1]);
    const { state, last } = failAt([0, 1, 2, 3, 4].map((i) => T0 + i * HOUR));
    expect(last?.lockedUntil).toBe(T0 + 4 * HOUR + 24 * HOUR);
    expect(lockedUntil(state, T0 + 5 * HOUR)).toBe(T0 + 28 * HOUR);
    expect(lockedUntil(state, T0 + 28 * HOUR)).toBeUndefined();
  });

  it('slides: failures older than 24 h no longer count, whatever the calendar day', () => {
    const { last } = failAt([T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 24 * HOUR]);
    expect(last?.lockedUntil).toBeUndefined();
    expect(last?.remainingAttempts).toBe(1);
  });

  it('leaves no two-windows-in-a-minute gap at midnight, as a fixed daily window would', () => {
    const midnight = Date.parse('2025-03-01T16:00:00Z'); // 00:00 in Beijing
    const { last } = failAt([-40_000, -30_000, -20_000, 10_000, 20_000].map((offset) => midnight + offset));
    expect(last?.lockedUntil).toBeDefined();
  });

  it('starts from nothing after a lockout', () => {
    const { state } = failAt([0, 1, 2, 3, 4].map((i) => T0 + i));
    const after = countFailure(state, T0 + 25 * HOUR, POLICY);
    expect(after.remainingAttempts).toBe(4);
    expect(lockedUntil(after.state, T0 + 25 * HOUR)).toBeUndefined();
  });

  it('expires when the last failure leaves the window or the lock ends, whichever is later', () => {
    expect(lockoutExpiry({ failures: [T0] }, POLICY)).toBe((T0 + 24 * HOUR) / 1000);
    expect(lockoutExpiry({ failures: [], lockedUntil: T0 + 30 * HOUR }, POLICY)).toBe((T0 + 30 * HOUR) / 1000);
  });
});
