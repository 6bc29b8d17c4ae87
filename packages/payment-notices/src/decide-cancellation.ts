import type { NoticeCancelledEvent } from './ledger-event.ts';
import { canTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

const MAXIMUM_REASON_LENGTH = 200;

/**
 * The `notice.cancelled` event, or the refusal. Only the issuing department may cancel, and only an unpaid notice;
 * another department's notice is reported as not found, so that ids can not be probed across departments.
 */
export const decideCancellation = (
  notice: PaymentNotice,
  departmentId: string,
  reason: unknown,
  occurredAt: string,
): NoticeCancelledEvent => {
  if (notice.departmentId !== departmentId) throw new PaymentNoticeError('notice_not_found', { field: 'noticeId' });
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed === '' || [...trimmed].length > MAXIMUM_REASON_LENGTH || !trimmed.isWellFormed()) {
    throw new PaymentNoticeError('invalid_cancel_reason', { field: 'reason' });
  }
  if (!canTransition(notice.status, 'cancel')) {
    throw new PaymentNoticeError('notice_state_conflict', {
      currentStatus: notice.status,
      detail: `A notice that is ${notice.status} can not be cancelled; only an issued, unpaid notice can.`,
    });
  }
  return {
    type: 'notice.cancelled',
    noticeId: notice.noticeId,
    sequence: notice.sequence + 1,
    occurredAt,
    departmentId,
    reason: trimmed,
  };
};
