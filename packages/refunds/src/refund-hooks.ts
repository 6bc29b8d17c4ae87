import type { DepartmentEvent, DepartmentEventPublisher } from '@platform/department-webhooks';
import type { ReceiptRefund } from '@platform/fiscal-receipts';
import type { Refund } from './refund.ts';
import type { RefundHooks } from './refund-dependencies.ts';

/** The one call a succeeded refund makes of the receipts service (`FiscalReceipts.creditReceipt`, idempotent). */
export interface ReceiptCrediter {
  creditReceipt(noticeId: string, refund: ReceiptRefund): Promise<unknown>;
}

export interface RefundHookParts {
  readonly receipts: ReceiptCrediter;
  readonly events: DepartmentEventPublisher;
}

/**
 * `refund.succeeded` / `refund.failed` for the department: the id is `${refundId}:${state}`, so every run of a hook
 * (a resume after a crash) publishes the very same event, with the same data (only the refund's own facts, never the
 * notice's running totals), and the department dedupes on it. No personal data: the payer stays out, and so does the
 * refund's free-text reason.
 */
export const refundEvent = (refund: Refund): DepartmentEvent => {
  const base = {
    departmentId: refund.departmentId,
    noticeId: refund.noticeId,
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    channel: refund.channel,
    amountFen: refund.amountFen,
    itemCode: refund.itemCode,
  };
  const { departmentId, noticeId, ...data } = base;
  if (refund.state === 'succeeded') {
    const refundedAt = refund.settlement?.refundedAt ?? refund.updatedAt;
    return {
      id: `${refund.refundId}:succeeded`,
      type: 'refund.succeeded',
      departmentId,
      noticeId,
      occurredAt: refundedAt,
      data: {
        ...data,
        refundedAt,
        ...(refund.settlement?.channelRefundId ? { channelRefundId: refund.settlement.channelRefundId } : {}),
      },
    };
  }
  if (refund.state === 'failed') {
    const failedAt = refund.failure?.failedAt ?? refund.updatedAt;
    return {
      id: `${refund.refundId}:failed`,
      type: 'refund.failed',
      departmentId,
      noticeId,
      occurredAt: failedAt,
      data: { ...data, failedAt, reason: refund.failure?.reason ?? 'failed' },
    };
  }
  throw new Error(`Refund ${refund.refundId} is ${refund.state}: no department event for that state.`);
};

/**
 * The platform's refund hooks: a succeeded refund credits the notice's receipt (voided once fully refunded) and then
 * tells the department; a failed one tells the department. Both are idempotent (the credit once per refund id, the
 * event id stable), and a throw leaves the refund in the hooks queue for `resumePendingRefunds`. A rejection has no
 * department event in the contract: nothing to do (the refund request's status tells the department).
 */
export const refundHooks = (parts: RefundHookParts): RefundHooks => ({
  onRefundSucceeded: async (refund) => {
    const refundedAt = refund.settlement?.refundedAt ?? refund.updatedAt;
    await parts.receipts.creditReceipt(refund.noticeId, {
      refundId: refund.refundId,
      amountFen: refund.amountFen,
      refundedAt,
    });
    await parts.events.publish(refundEvent(refund));
  },
  onRefundFailed: async (refund) => {
    await parts.events.publish(refundEvent(refund));
  },
});
