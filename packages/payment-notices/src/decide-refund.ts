import { parseAmountFen } from './amount.ts';
import type { RefundRequestedEvent } from './ledger-event.ts';
import { canTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import { parseReference } from './reference.ts';

/** The `refund.requested` event, or the refusal: not paid, or more than what remains refundable. */
export const decideRefund = (
  notice: PaymentNotice,
  refundId: unknown,
  amount: unknown,
  occurredAt: string,
): RefundRequestedEvent => {
  const id = parseReference(refundId, 'refundId');
  const amountFen = parseAmountFen(amount);
  if (!canTransition(notice.status, 'refund')) {
    throw new PaymentNoticeError('notice_state_conflict', { currentStatus: notice.status });
  }
  const refundableFen = notice.paidFen - notice.refundedFen;
  if (amountFen > refundableFen) {
    throw new PaymentNoticeError('refund_exceeds_paid', {
      field: 'amountFen',
      currentStatus: notice.status,
      refundableFen,
      detail: `At most ${refundableFen} fen of this notice can still be refunded.`,
    });
  }
  return {
    type: 'refund.requested',
    noticeId: notice.noticeId,
    sequence: notice.sequence + 1,
    occurredAt,
    refundId: id,
    amountFen,
  };
};
