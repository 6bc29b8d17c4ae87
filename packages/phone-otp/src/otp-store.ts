import type { Challenge } from './challenge.ts';
import type { WindowSlot } from './send-limits.ts';

/** What a phone's pointer to its current challenge says. */
export interface CurrentChallenge {
  readonly challengeId: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
}

export type IssueOutcome = { readonly issued: true } | { readonly issued: false; readonly lastIssuedAt: number };

/** `applied: false` returns the challenge as it now is (or `undefined` if it is gone) so the caller can say why. */
export type ChangeOutcome =
  | { readonly applied: true; readonly challenge: Challenge }
  | { readonly applied: false; readonly challenge: Challenge | undefined };

/**
 * Storage of challenges and send counters. The rules live in the domain (`challenge.ts`, `send-limits.ts`); an
 * adapter holds only the writes, and makes each one atomic, so that the rules hold under any concurrency: every
 * change below is one conditional write (or one transaction) whose condition is the domain's precondition.
 *
 * "Live" below means: the challenge exists, is not used, not superseded, has `failedAttempts < maxAttempts`, and
 * `now < expiresAt`. Times are epoch milliseconds passed in by the caller — a store never reads a clock.
 *
 * Implementations: `createDynamoDbOtpStore` (the identity table) and `createInMemoryOtpStore` (tests, local tools).
 * Both pass the contract suite in `otp-store.contract.ts`.
 */
export interface OtpStore {
  /**
   * Makes `challenge` the current challenge of its phone, in one atomic step that also supersedes the previous current
   * challenge (if it is still live). Refused — `{ issued: false, lastIssuedAt }`, nothing written — if the phone's
   * current challenge was issued less than `resendIntervalMs` before `challenge.issuedAt`, or if another issue for the
   * same phone wins a race. This write is what enforces the resend interval; a prior read is only a shortcut.
   */
  issue(challenge: Challenge, resendIntervalMs: number): Promise<IssueOutcome>;

  /** The phone's current challenge, read strongly consistently; `undefined` if none (or long gone). */
  findCurrent(phoneHash: string): Promise<CurrentChallenge | undefined>;

  /** A challenge by id, read strongly consistently; `undefined` if unknown or removed after expiry. */
  get(challengeId: string): Promise<Challenge | undefined>;

  /** Adds one wrong try if the challenge is live at `now`. Never lets `failedAttempts` exceed `maxAttempts`. */
  recordWrongGuess(challengeId: string, now: number): Promise<ChangeOutcome>;

  /** Marks the challenge used if it is live at `now`. Of any number of concurrent calls, at most one is applied. */
  markVerified(challengeId: string, now: number): Promise<ChangeOutcome>;

  /**
   * Takes back a challenge whose SMS was not sent: supersedes it, and clears the phone's pointer if it still points
   * at it, so that the resend interval does not hold the user back for a code they never got. Idempotent.
   */
  withdraw(challenge: Challenge, now: number): Promise<void>;

  /**
   * Counts one send in `slot` if its count is below `slot.max` — check and increment in one conditional write — and
   * says whether it did. Counters expire (TTL) when their window ends.
   */
  takeFromWindow(slot: WindowSlot): Promise<boolean>;
}
