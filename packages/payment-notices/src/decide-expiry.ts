import type { NoticeExpiredEvent } from './ledger-event.ts';
import { canTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

/** The `notice.expired` event for an issued notice whose due date has passed at `now`, or the refusal. */
export const decideExpiry = (notice: PaymentNotice, now: string): NoticeExpiredEvent => {
  if (!canTransition(notice.status, 'expire')) {
    throw new PaymentNoticeError('notice_state_conflict', { currentStatus: notice.status });
  }
  if (now < notice.dueAt) throw new PaymentNoticeError('notice_not_yet_due', { currentStatus: notice.status });
  return { type: 'notice.expired', noticeId: notice.noticeId, sequence: notice.sequence + 1, occurredAt: now };
};
