import type { Refund } from './refund.ts';
import type { WorkQueue } from './refund-item.ts';
import type { RefundTransition } from './refund-transitions.ts';

/** A conditional write lost to another writer: re-read and decide again. */
export class RefundWriteConflict extends Error {
  constructor(refundId: string) {
    super(`refund ${refundId} was changed by another writer`);
    this.name = 'RefundWriteConflict';
  }
}

/**
 * Storage of refund records. Creating one and releasing one go through the notices package (`recordRefund`,
 * `releaseRefund`), because each must commit with the notice; every other change is `save`.
 */
export interface RefundStore {
  /** Strongly consistent; undefined if there is none. */
  get(refundId: string): Promise<Refund | undefined>;

  /**
   * Replaces `read` by `next`, conditional on the stored record still being at `read.version` and in one of the
   * states `transition` may start from. `RefundWriteConflict` if not.
   */
  save(read: Refund, next: Refund, transition: RefundTransition): Promise<void>;

  /** Refunds waiting in `queue` whose last change is before `before` (all if absent), oldest first. An index. */
  listQueue(queue: WorkQueue, options?: { readonly before?: string; readonly limit?: number }): Promise<Refund[]>;

  /**
   * The record's attributes for a write the notices package makes beside the notice (`recordRefund`'s record,
   * `releaseRefund`'s change): everything but the keys and what identifies the refund.
   */
  recordAttributes(refund: Refund): Record<string, unknown>;
}
