import { parseAmountFen } from './amount.ts';
import type { NoticePaidEvent } from './ledger-event.ts';
import { canTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { AlreadyPaidError, PaymentNoticeError } from './payment-notice-errors.ts';
import { parseInstant, parseReference } from './reference.ts';

/** A channel's confirmed payment of a notice, as the gateway reports it. */
export interface PaymentReport {
  readonly noticeId: string;
  /** The platform's payment (order) number, unique across notices. */
  readonly paymentId: string;
  readonly channel: string;
  readonly channelTransactionId: string;
  readonly amountFen: number;
  readonly paidAt: Date | string;
}

/**
 * The `notice.paid` event for `payment`, or the refusal: already paid (with the winner's id), not payable in its
 * state, a different amount, or paid on or after `dueAt`. A notice is paid in full, once.
 */
export const decidePayment = (notice: PaymentNotice, payment: PaymentReport, occurredAt: string): NoticePaidEvent => {
  const paymentId = parseReference(payment.paymentId, 'paymentId');
  const channel = parseReference(payment.channel, 'channel');
  const channelTransactionId = parseReference(payment.channelTransactionId, 'channelTransactionId');
  const amountFen = parseAmountFen(payment.amountFen);
  const paidAt = parseInstant(payment.paidAt, 'paidAt');

  if (notice.payment) throw new AlreadyPaidError(notice.payment.paymentId, notice.status);
  if (!canTransition(notice.status, 'pay')) {
    throw new PaymentNoticeError('notice_state_conflict', { currentStatus: notice.status });
  }
  if (amountFen !== notice.amountFen) throw new PaymentNoticeError('amount_mismatch', { field: 'amountFen' });
  if (paidAt >= notice.dueAt) throw new PaymentNoticeError('notice_past_due', { currentStatus: notice.status });

  return {
    type: 'notice.paid',
    noticeId: notice.noticeId,
    sequence: notice.sequence + 1,
    occurredAt,
    paymentId,
    channel,
    channelTransactionId,
    amountFen,
    paidAt,
  };
};
