import type { FixedWindowLimit } from './fixed-window.ts';
import type { LockoutPolicy } from './lockout.ts';

/**
 * How often real-name checks may be asked, as configuration. Defaults and why:
 *
 * - lockout: 5 failed checks (mismatch, not found, an ID number of another account) in 24 h lock the subject's checks
 *   for 24 h. A person mistyping their own number or name needs one or two tries; five is a search;
 * - per subject and kind of check (registry, carrier): 5 an hour, 10 a day. Each check costs money and answers a
 *   question about a person; a person verifies once, rarely twice;
 * - per IP network and kind of check: 20 an hour, 100 a day — a family or an office behind one NAT, and slow for
 *   anyone cycling through accounts to test stolen identity data. Raise `perIp` where carrier-grade NAT shows.
 */
export interface RealNameLimits {
  readonly lockout: LockoutPolicy;
  readonly perSubject: readonly FixedWindowLimit[];
  readonly perIp: readonly FixedWindowLimit[];
}

export const DEFAULT_REAL_NAME_LIMITS: RealNameLimits = {
  lockout: { maxFailures: 5, windowSeconds: 86_400, lockSeconds: 86_400 },
  perSubject: [
    { windowSeconds: 3_600, max: 5 },
    { windowSeconds: 86_400, max: 10 },
  ],
  perIp: [
    { windowSeconds: 3_600, max: 20 },
    { windowSeconds: 86_400, max: 100 },
  ],
};

const positiveInteger = (name: string, value: number, maximum: number): void => {
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    throw new TypeError(`${name} must be an integer from 1 to ${maximum}; got ${value}.`);
  }
};

const checkedWindows = (name: string, limits: readonly FixedWindowLimit[]): FixedWindowLimit[] => {
  limits.forEach((limit, index) => {
    positiveInteger(`${name}[${index}].windowSeconds`, limit.windowSeconds, 31 * 86_400);
    positiveInteger(`${name}[${index}].max`, limit.max, 1_000_000);
  });
  // Smallest window first: a refusal by a larger window then never leaves a smaller one over-counted across resets.
  return [...limits].sort((a, b) => a.windowSeconds - b.windowSeconds);
};

/** Defaults with overrides, validated once at construction. */
export const realNameLimits = (overrides: Partial<RealNameLimits> = {}): RealNameLimits => {
  const limits = { ...DEFAULT_REAL_NAME_LIMITS, ...overrides };
  positiveInteger('lockout.maxFailures', limits.lockout.maxFailures, 100);
  positiveInteger('lockout.windowSeconds', limits.lockout.windowSeconds, 31 * 86_400);
  positiveInteger('lockout.lockSeconds', limits.lockout.lockSeconds, 31 * 86_400);
  return {
    lockout: { ...limits.lockout },
    perSubject: checkedWindows('perSubject', limits.perSubject),
    perIp: checkedWindows('perIp', limits.perIp),
  };
};
