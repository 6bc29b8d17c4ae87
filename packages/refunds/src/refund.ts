/**
 * A refund of (part of) a paid notice, as the refunds package keeps it on the refund record (`REFUND#<refundId>`,
 * created with the notice's `refund.requested` by `recordRefund`). Amounts in integer fen, instants ISO 8601 UTC.
 *
 *   requested ──approve (1st)──► requested ──approve (2nd, another officer)──► approved ──► executing ──► succeeded
 *       │                                                                                      └──────► failed
 *       └──reject (any one officer, with a reason)──► rejected
 *
 * The amount is committed on the notice from the request on, so concurrent requests can never promise more than was
 * paid; `rejected` and `failed` give it back (`refund.released` on the notice's ledger, in the same transaction).
 */
export const REFUND_STATES = ['requested', 'approved', 'executing', 'succeeded', 'failed', 'rejected'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/** How many distinct finance officers must approve before the money moves. */
export const REQUIRED_APPROVALS = 2;

export interface RefundApproval {
  /** The officer's blind index (of their citizen ID number): who approved, without the number in clear. */
  readonly officerIndex: string;
  readonly maskedName: string;
  readonly approvedAt: string;
}

export interface RefundRejection {
  readonly officerIndex: string;
  readonly maskedName: string;
  readonly reason: string;
  readonly rejectedAt: string;
}

export interface RefundExecution {
  /** Calls to the channel so far (each with the same refund number, so a repeat moves no money). */
  readonly attempts: number;
  /** When the latest attempt started: a refund `executing` for long after this was left by a crash or timeout. */
  readonly startedAt: string;
  /** Why the latest attempt ended without a final answer (channel unavailable, still processing). */
  readonly lastError?: string;
}

export interface RefundSettlement {
  /** The channel's id for the refund, if it has one (Alipay uses the refund number). */
  readonly channelRefundId?: string;
  readonly refundedAt: string;
}

export interface RefundFailure {
  /** The channel's normalised reason (`order_not_paid`, `refund_not_allowed`…) or the channel's `failed` answer. */
  readonly reason: string;
  readonly channelCode?: string;
  readonly channelMessage?: string;
  readonly failedAt: string;
}

export interface Refund {
  /** Also the refund number the channel is asked with: 1–32 characters of `[A-Za-z0-9_-]`. */
  readonly refundId: string;
  readonly noticeId: string;
  /** The department that requested it: the notice's issuer. */
  readonly departmentId: string;
  /** The notice's region: officers approve refunds of their bureau's region only. */
  readonly regionCode: string;
  readonly itemCode: string;
  readonly amountFen: number;
  readonly reason: string;
  /** The channel that took the payment, and the payment's order number there. */
  readonly channel: string;
  readonly paymentId: string;
  /** The payment's transaction id at the channel: what the channel's statement shows beside a refund of it. */
  readonly paymentTransactionId: string;
  readonly state: RefundState;
  /** Incremented by every write: each write is conditional on the version it read. */
  readonly version: number;
  readonly requestedAt: string;
  readonly updatedAt: string;
  readonly approvals: readonly RefundApproval[];
  readonly rejection?: RefundRejection;
  readonly execution?: RefundExecution;
  readonly settlement?: RefundSettlement;
  readonly failure?: RefundFailure;
  /** A final state whose hooks (receipt credit, department event) have not all run yet. */
  readonly hooksPending: boolean;
}

export const isFinalRefundState = (state: RefundState): boolean =>
  state === 'succeeded' || state === 'failed' || state === 'rejected';
