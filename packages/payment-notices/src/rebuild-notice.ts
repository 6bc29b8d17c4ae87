import type { LedgerEvent } from './ledger-event.ts';
import { canTransition, type NoticeTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';

/** The ledger contradicts itself: a gap, a foreign event, a transition the table forbids. A bug or tampering. */
export class LedgerIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}

const TRANSITION_OF: Record<Exclude<LedgerEvent['type'], 'notice.issued'>, NoticeTransition> = {
  'notice.paid': 'pay',
  'notice.cancelled': 'cancel',
  'notice.expired': 'expire',
  'refund.requested': 'refund',
  'refund.released': 'release',
};

/**
 * The notice after `event`. The one function that changes a notice: the store writes exactly what this returns,
 * so the stored view and the fold of the ledger can not disagree. Refuses events out of sequence or against the
 * transition table; business checks (amounts, due dates) belong to the decisions that create events.
 */
export const applyNoticeEvent = (notice: PaymentNotice | undefined, event: LedgerEvent): PaymentNotice => {
  const expectedSequence = (notice?.sequence ?? 0) + 1;
  if (event.sequence !== expectedSequence) {
    throw new LedgerIntegrityError(`event ${event.sequence} of ${event.noticeId} where ${expectedSequence} was due`);
  }
  if (event.type === 'notice.issued') {
    if (notice) throw new LedgerIntegrityError(`${event.noticeId} issued twice`);
    return event.notice;
  }
  if (!notice || notice.noticeId !== event.noticeId) {
    throw new LedgerIntegrityError(`${event.type} for ${event.noticeId} does not follow its notice.issued`);
  }
  if (!canTransition(notice.status, TRANSITION_OF[event.type])) {
    throw new LedgerIntegrityError(`${event.type} on a notice that is ${notice.status}`);
  }
  const next = { ...notice, sequence: event.sequence, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'notice.paid': {
      const { paymentId, channel, channelTransactionId, paidAt, amountFen } = event;
      return {
        ...next,
        status: 'paid',
        paidFen: amountFen,
        payment: { paymentId, channel, channelTransactionId, paidAt },
      };
    }
    case 'notice.cancelled':
      return { ...next, status: 'cancelled', cancellation: { reason: event.reason, cancelledAt: event.occurredAt } };
    case 'notice.expired':
      return { ...next, status: 'expired', expiredAt: event.occurredAt };
    case 'refund.requested': {
      const refundedFen = notice.refundedFen + event.amountFen;
      if (refundedFen > notice.paidFen) throw new LedgerIntegrityError(`refunds of ${event.noticeId} exceed payment`);
      return { ...next, refundedFen, status: refundedFen === notice.paidFen ? 'refunded' : 'partially_refunded' };
    }
    case 'refund.released': {
      const refundedFen = notice.refundedFen - event.amountFen;
      if (refundedFen < 0) throw new LedgerIntegrityError(`${event.noticeId} releases more than was committed`);
      return { ...next, refundedFen, status: refundedFen === 0 ? 'paid' : 'partially_refunded' };
    }
  }
};

/** Folds a notice's ledger, in sequence order, into its current view; undefined for an empty ledger. */
export const rebuildNotice = (events: readonly LedgerEvent[]): PaymentNotice | undefined =>
  events.reduce<PaymentNotice | undefined>(applyNoticeEvent, undefined);
