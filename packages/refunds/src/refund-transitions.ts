import type { RefundState } from './refund.ts';

/**
 * The one statement of which states each change of a refund may start from. Every write names these as its
 * condition (`#state IN (…)`, with the version read), so the database, not an earlier read, enforces the lifecycle.
 */
export const REFUND_TRANSITIONS = {
  /** An approval: the first keeps it `requested`, the second makes it `approved`. */
  approve: ['requested'],
  reject: ['requested'],
  /** Starting (or, after a crash or timeout, restarting) the channel call. */
  execute: ['approved', 'executing'],
  succeed: ['executing'],
  fail: ['executing'],
  /** Recording that a final refund's hooks have run. */
  settleHooks: ['succeeded', 'failed', 'rejected'],
} as const satisfies Record<string, readonly RefundState[]>;

export type RefundTransition = keyof typeof REFUND_TRANSITIONS;

export const canRefundTransition = (from: RefundState, transition: RefundTransition): boolean =>
  (REFUND_TRANSITIONS[transition] as readonly RefundState[]).includes(from);
