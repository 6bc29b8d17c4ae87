import { PaymentNoticeError } from '@platform/payment-notices';
import type { Refund } from './refund.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { RefundError } from './refund-errors.ts';
import { isRefundId } from './refund-request.ts';

/** A department's own refund; another department's is `refund_not_found`, exactly as a missing one. */
export const getDepartmentRefund = async (
  deps: RefundServiceDependencies,
  departmentId: string,
  refundId: string,
): Promise<Refund> => {
  const refund = isRefundId(refundId) ? await deps.store.get(refundId) : undefined;
  if (!refund || refund.departmentId !== departmentId) throw new RefundError('refund_not_found', { field: 'refundId' });
  return refund;
};

/**
 * The refunds of one of the department's notices, oldest first, found through the notice's ledger (each
 * `refund.requested` names one): strongly consistent, and no index to keep.
 */
export const listNoticeRefunds = async (
  deps: RefundServiceDependencies,
  departmentId: string,
  noticeId: string,
): Promise<Refund[]> => {
  const notice = await deps.notices.get(noticeId);
  if (!notice || notice.departmentId !== departmentId) {
    throw new PaymentNoticeError('notice_not_found', { field: 'noticeId' });
  }
  const ledger = await deps.notices.readLedger(noticeId);
  const refundIds = [
    ...new Set(ledger.flatMap((event) => (event.type === 'refund.requested' ? [event.refundId] : []))),
  ];
  const refunds = await Promise.all(refundIds.map((refundId) => deps.store.get(refundId)));
  return refunds.filter((refund): refund is Refund => refund !== undefined);
};

/** What the finance console shows officers: refunds awaiting approval, oldest first (an index). */
export const listRefundsAwaitingApproval = (deps: RefundServiceDependencies, limit = 100): Promise<Refund[]> =>
  deps.store.listQueue('requested', { limit });
