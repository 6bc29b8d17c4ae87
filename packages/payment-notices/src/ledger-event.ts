import type { PaymentNotice } from './payment-notice.ts';

/**
 * The ledger: every change to a notice as an append-only event, numbered 1, 2, 3… per notice. Events are facts in
 * the past tense and carry everything the change needs, so that `rebuildNotice` can fold them into the current view
 * without reading anything else.
 */
interface LedgerEventBase {
  readonly noticeId: string;
  readonly sequence: number;
  readonly occurredAt: string;
}

/** Sequence 1: the notice as issued, in full. */
export interface NoticeIssuedEvent extends LedgerEventBase {
  readonly type: 'notice.issued';
  readonly notice: PaymentNotice;
}

export interface NoticePaidEvent extends LedgerEventBase {
  readonly type: 'notice.paid';
  readonly paymentId: string;
  readonly channel: string;
  readonly channelTransactionId: string;
  readonly amountFen: number;
  readonly paidAt: string;
}

export interface NoticeCancelledEvent extends LedgerEventBase {
  readonly type: 'notice.cancelled';
  readonly departmentId: string;
  readonly reason: string;
}

export interface NoticeExpiredEvent extends LedgerEventBase {
  readonly type: 'notice.expired';
}

/**
 * A refund committed against the notice before the channel is asked to pay it back, so that two concurrent refunds
 * can never both pass the "not more than was paid" check while their channel calls are in flight.
 */
export interface RefundRequestedEvent extends LedgerEventBase {
  readonly type: 'refund.requested';
  readonly refundId: string;
  readonly amountFen: number;
}

/**
 * A requested refund that will not be paid back after all (rejected by a finance officer, or refused by the
 * channel): its amount is no longer committed and may be refunded again.
 */
export interface RefundReleasedEvent extends LedgerEventBase {
  readonly type: 'refund.released';
  readonly refundId: string;
  readonly amountFen: number;
  readonly reason: 'rejected' | 'failed';
}

export type LedgerEvent =
  | NoticeIssuedEvent
  | NoticePaidEvent
  | NoticeCancelledEvent
  | NoticeExpiredEvent
  | RefundRequestedEvent
  | RefundReleasedEvent;

export type LedgerEventType = LedgerEvent['type'];

export const LEDGER_EVENT_TYPES: readonly LedgerEventType[] = [
  'notice.issued',
  'notice.paid',
  'notice.cancelled',
  'notice.expired',
  'refund.requested',
  'refund.released',
];
