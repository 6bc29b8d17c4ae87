/**
 * The lockout rule, pure: `maxFailures` failed checks within any `windowSeconds` lock the subject's real-name checks
 * for `lockSeconds`. A sliding window over the failures' times (not a fixed one), so that no boundary lets an
 * attacker fit two budgets into a few minutes; after a lockout the count starts again from nothing.
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowSeconds: number;
  readonly lockSeconds: number;
}

export interface LockoutState {
  /** Epoch milliseconds of the failures still inside the window, oldest first. */
  readonly failures: readonly number[];
  /** Epoch milliseconds; absent or past when not locked. */
  readonly lockedUntil?: number;
}

export const EMPTY_LOCKOUT: LockoutState = { failures: [] };

export interface FailureCounted {
  readonly state: LockoutState;
  /** Failures left before a lockout; 0 when this failure locked. */
  readonly remainingAttempts: number;
  /** Set when this failure caused the lockout. */
  readonly lockedUntil?: number;
}

export const lockedUntil = (state: LockoutState, now: number): number | undefined =>
  state.lockedUntil !== undefined && state.lockedUntil > now ? state.lockedUntil : undefined;

export const countFailure = (state: LockoutState, now: number, policy: LockoutPolicy): FailureCounted => {
  const windowStart = now - policy.windowSeconds * 1000;
  const failures = [...state.failures.filter((at) => at > windowStart && at <= now), now];
  if (failures.length >= policy.maxFailures) {
    const until = now + policy.lockSeconds * 1000;
    return { state: { failures: [], lockedUntil: until }, remainingAttempts: 0, lockedUntil: until };
  }
  return { state: { failures }, remainingAttempts: policy.maxFailures - failures.length };
};

/** Epoch seconds after which the state says nothing any more (every failure out of the window, the lock over). */
export const lockoutExpiry = (state: LockoutState, policy: LockoutPolicy): number => {
  const lastFailure = state.failures.at(-1) ?? 0;
  return Math.ceil(Math.max(lastFailure + policy.windowSeconds * 1000, state.lockedUntil ?? 0) / 1000);
};
