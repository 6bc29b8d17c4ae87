import type { WindowSlot } from './fixed-window.ts';
import type { LockoutState } from './lockout.ts';

/** A subject's lockout state with the version it was read at (0: no item). */
export interface VersionedLockout {
  readonly state: LockoutState;
  readonly version: number;
}

/** What `takeCheck` did: counted the check in every window, or nowhere, because the subject is locked or a window spent. */
export type CheckTaken =
  | { readonly taken: true }
  | { readonly taken: false; readonly locked: true }
  | { readonly taken: false; readonly locked: false; readonly spent: WindowSlot };

/**
 * Storage of the attempt guard: lockout states and window counters. The rules live in `lockout.ts` and
 * `fixed-window.ts`; an adapter holds only the writes, each atomic, so the rules hold under any concurrency.
 * Times come from the caller; a store never reads a clock.
 *
 * Implementations: `createDynamoDbAttemptGuardStore` (identity table), `createInMemoryAttemptGuardStore` (tests).
 * Both pass `attempt-guard-store.contract.ts`.
 */
export interface AttemptGuardStore {
  /** Read strongly consistently; `{ state: EMPTY_LOCKOUT, version: 0 }` when there is none. */
  readLockout(sub: string): Promise<VersionedLockout>;

  /**
   * Replaces the state if its version is still `expectedVersion` (0: if none exists) and says whether it did; the
   * new version is `expectedVersion + 1`. `expiresAt` (epoch seconds) is when the item may be removed.
   */
  replaceLockout(sub: string, state: LockoutState, expectedVersion: number, expiresAt: number): Promise<boolean>;

  /**
   * Counts one check in every slot, in one atomic write, unless the subject is locked at `nowMs` (its `lockedUntil`
   * later than that, the rule of `lockout.ts`) or a slot's count has reached its `max`; then it counts nowhere and
   * says why (a lock before a spent window). Checks and counts are one write, so of concurrent checks only as many as
   * the windows have left are counted. Counters expire (TTL) when their window ends.
   */
  takeCheck(sub: string, slots: readonly WindowSlot[], nowMs: number): Promise<CheckTaken>;
}
