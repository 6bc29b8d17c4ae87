import type { AttemptGuardStore } from './attempt-guard-store.ts';
import { type RealNameLimits, realNameLimits } from './attempt-limits.ts';
import { LockedOutError, RateLimitedError } from './errors.ts';
import { secondsUntilWindowEnds, windowSlot } from './fixed-window.ts';
import { countFailure, lockedUntil, lockoutExpiry } from './lockout.ts';

/** The checks that cost money or answer questions about people; each has budgets of its own. */
export type CostlyCheck = 'registry' | 'carrier' | 'payment_account';

export interface FailureRecorded {
  readonly remainingAttempts: number;
  /** Set when this failure locked the subject. */
  readonly lockedUntil?: Date;
}

/**
 * Lockouts and rate limits in front of the costly checks. The order of use is the service's: `takeCheck` (refuses a
 * locked subject, counts the check whatever its outcome), then the check, then `recordFailure` for a failed one;
 * `assertNotLocked` alone where nothing is counted yet. The lock is not held during the check: concurrent requests of
 * one subject can each pass it, which the per-subject rate limit bounds.
 */
export interface AttemptGuard {
  readonly limits: RealNameLimits;
  /** Throws `LockedOutError` while the subject is locked. */
  assertNotLocked(sub: string, now: Date): Promise<void>;
  /**
   * Counts one check for the subject and the IP network; throws `LockedOutError` while the subject is locked and
   * `RateLimitedError` when a budget is spent, and then counts nothing. One write to the store.
   */
  takeCheck(check: CostlyCheck, request: { readonly sub: string; readonly ip: string }, now: Date): Promise<void>;
  /** Counts one failed check; the one that reaches the limit locks the subject. */
  recordFailure(sub: string, now: Date): Promise<FailureRecorded>;
}

export interface AttemptGuardOptions {
  readonly store: AttemptGuardStore;
  /**
   * The keyed hash of the request's IP network, so that counters hold no address: `createNetworkIndex(blindIndexKey)`
   * (an IPv4 address, or an IPv6 /64, as `@platform/phone-otp` counts networks).
   */
  readonly networkIndex: (ip: string) => string;
  readonly limits?: Partial<RealNameLimits>;
}

/** Rounds of read-then-conditional-write before giving up when one subject's failures race each other. */
const REPLACE_ATTEMPTS = 8;

export const createAttemptGuard = (options: AttemptGuardOptions): AttemptGuard => {
  const { store, networkIndex } = options;
  const limits = realNameLimits(options.limits);

  return {
    limits,
    assertNotLocked: async (sub, now) => {
      const { state } = await store.readLockout(sub);
      const until = lockedUntil(state, now.getTime());
      if (until !== undefined) throw new LockedOutError(new Date(until), now);
    },
    takeCheck: async (check, { sub, ip }, now) => {
      const budgets = [
        ...limits.perSubject.map((limit) => ({ scope: 'subject' as const, counter: `${check}:sub:${sub}`, limit })),
        ...limits.perIp.map((limit) => ({ scope: 'ip' as const, counter: `${check}:ip:${networkIndex(ip)}`, limit })),
      ].map(({ scope, counter, limit }) => ({ scope, slot: windowSlot(counter, limit, now) }));
      const taken = await store.takeCheck(
        sub,
        budgets.map(({ slot }) => slot),
        now.getTime(),
      );
      if (taken.taken) return;
      if (taken.locked) {
        // Rare: read the lock only to say until when.
        const { state } = await store.readLockout(sub);
        throw new LockedOutError(new Date(lockedUntil(state, now.getTime()) ?? now.getTime()), now);
      }
      const scope = budgets.find(({ slot }) => slot === taken.spent)?.scope ?? 'subject';
      throw new RateLimitedError(secondsUntilWindowEnds(taken.spent, now), scope);
    },
    recordFailure: async (sub, now) => {
      for (let attempt = 1; ; attempt += 1) {
        const { state, version } = await store.readLockout(sub);
        const counted = countFailure(state, now.getTime(), limits.lockout);
        // Compare-and-set on the version: of two concurrent failures, the loser re-reads and adds itself to the
        // winner's list, so that no failure goes uncounted.
        if (await store.replaceLockout(sub, counted.state, version, lockoutExpiry(counted.state, limits.lockout))) {
          return {
            remainingAttempts: counted.remainingAttempts,
            ...(counted.lockedUntil === undefined ? {} : { lockedUntil: new Date(counted.lockedUntil) }),
          };
        }
        if (attempt >= REPLACE_ATTEMPTS) throw new Error('Too many concurrent failed checks for one subject.');
      }
    },
  };
};
