import { type DepartmentEvent, noticeEventId } from '@platform/department-webhooks';
import type { PaymentNotice } from '@platform/payment-notices';

/**
 * `notice.expired` for the department, from the expired notice itself: its sequence is the `notice.expired` event's
 * (nothing follows an expiry), so every publish of the same expiry carries the same id. No personal data.
 */
export const noticeExpiredEvent = (notice: PaymentNotice): DepartmentEvent | undefined =>
  notice.status === 'expired'
    ? {
        id: noticeEventId(notice.noticeId, notice.sequence),
        type: 'notice.expired',
        departmentId: notice.departmentId,
        noticeId: notice.noticeId,
        occurredAt: notice.expiredAt ?? notice.updatedAt,
        data: { itemCode: notice.itemCode, amountFen: notice.amountFen, dueAt: notice.dueAt },
      }
    : undefined;
