import type { RefundReleasedEvent } from './ledger-event.ts';
import { canTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import { parseReference } from './reference.ts';

/**
 * The `refund.released` event: a committed refund that was rejected or refused by the channel gives its amount back.
 * Which refund and how much is the caller's record (the refund record changes in the same transaction, so one refund
 * is released at most once); the notice only checks that it holds that much committed.
 */
export const decideRelease = (
  notice: PaymentNotice,
  refundId: unknown,
  amountFen: number,
  reason: RefundReleasedEvent['reason'],
  occurredAt: string,
): RefundReleasedEvent => {
  const id = parseReference(refundId, 'refundId');
  if (!canTransition(notice.status, 'release') || notice.refundedFen < amountFen) {
    throw new PaymentNoticeError('notice_state_conflict', {
      currentStatus: notice.status,
      detail: `The notice holds ${notice.refundedFen} fen of refunds, not the ${amountFen} fen to release.`,
    });
  }
  return {
    type: 'refund.released',
    noticeId: notice.noticeId,
    sequence: notice.sequence + 1,
    occurredAt,
    refundId: id,
    amountFen,
    reason,
  };
};
