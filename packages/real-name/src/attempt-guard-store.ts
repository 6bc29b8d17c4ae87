import type { WindowSlot } from './fixed-window.ts';
import type { LockoutState } from './lockout.ts';

/** A subject's lockout state with the version it was read at (0: no item). */
export interface VersionedLockout {
  readonly state: LockoutState;
  readonly version: number;
}

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
   * Counts one in `slot` if its count is below `slot.max` — check and increment in one conditional write — and says
   * whether it did. Counters expire (TTL) when their window ends.
   */
  takeFromWindow(slot: WindowSlot): Promise<boolean>;
}
