/**
 * A back-channel logout that a portal did not accept (down, slow, 5xx), kept until it is delivered or given up.
 * The logout token is not stored: a fresh one is signed for every attempt, so none outlives its two-minute life.
 */
export interface LogoutDelivery {
  readonly clientId: string;
  readonly accountId: string;
  readonly sid: string;
  /** Attempts made so far, the first (inline, during sign-out) included. */
  readonly attempts: number;
  /** Epoch seconds. */
  readonly nextAttemptAt: number;
  readonly lastError: string;
}

/** Waits after attempt n (1-based): 30 s, 2 min, 10 min, 1 h, 6 h; then the delivery is given up. */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3_600, 21_600] as const;

export const nextAttemptDelay = (attempts: number): number | undefined => RETRY_DELAYS_SECONDS[attempts - 1];

export interface LogoutDeliveryStore {
  /** Records a failed first attempt; a second failure for the same client and session keeps the earlier record. */
  recordFailure(delivery: LogoutDelivery): Promise<void>;
  /** Deliveries whose next attempt is due. */
  due(nowSeconds: number, limit: number): Promise<LogoutDelivery[]>;
  delivered(delivery: LogoutDelivery): Promise<void>;
  /** Schedules the next attempt, or gives up (kept for the audit trail, no longer due) when `nextAttemptAt` is absent. */
  failedAgain(delivery: LogoutDelivery, error: string, nextAttemptAt: number | undefined): Promise<void>;
}
