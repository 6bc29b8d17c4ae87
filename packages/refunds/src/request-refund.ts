import { PaymentNoticeError } from '@platform/payment-notices';
import type { Refund } from './refund.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { RefundError } from './refund-errors.ts';
import { parseRefundRequest } from './refund-request.ts';

/** The same refund asked for again (a retry with the same refund number): same notice, department, amount, reason. */
const isSameRequest = (refund: Refund, departmentId: string, noticeId: string, amountFen: number, reason: string) =>
  refund.departmentId === departmentId &&
  refund.noticeId === noticeId &&
  refund.amountFen === amountFen &&
  refund.reason === reason;

/**
 * A department asks for (part of) a paid notice's money back. Bad input is refused before anything is read or
 * written; another department's notice is `notice_not_found`, exactly as a missing one. The amount is committed on
 * the notice in the same transaction that creates the refund record (`recordRefund`), conditional on the refunds
 * staying within what was paid — so of concurrent requests only as many succeed as the payment covers, and the rest
 * get `refund_exceeds_paid`. Idempotent on the refund id: the same request again answers the refund as it stands.
 */
export const requestRefund = async (
  deps: RefundServiceDependencies,
  departmentId: string,
  noticeId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<Refund> => {
  const { refundId, amountFen, reason } = parseRefundRequest(body);
  const notice = await deps.notices.get(noticeId);
  if (!notice || notice.departmentId !== departmentId) {
    throw new PaymentNoticeError('notice_not_found', { field: 'noticeId' });
  }
  const repeated = async (): Promise<Refund> => {
    const existing = await deps.store.get(refundId);
    if (existing && isSameRequest(existing, departmentId, noticeId, amountFen, reason)) return existing;
    throw new RefundError('refund_id_in_use', { field: 'refundId' });
  };
  if (await deps.store.get(refundId)) return repeated();
  if (!notice.payment) throw new PaymentNoticeError('notice_state_conflict', { currentStatus: notice.status });

  const at = deps.now().toISOString();
  const initial: Refund = {
    refundId,
    noticeId,
    departmentId,
    regionCode: notice.regionCode,
    itemCode: notice.itemCode,
    amountFen,
    reason,
    channel: notice.payment.channel,
    paymentId: notice.payment.paymentId,
    paymentTransactionId: notice.payment.channelTransactionId,
    state: 'requested',
    version: 1,
    requestedAt: at,
    updatedAt: at,
    approvals: [],
    hooksPending: false,
  };
  try {
    await deps.notices.recordRefund(noticeId, refundId, amountFen, deps.store.recordAttributes(initial));
  } catch (error) {
    // A concurrent request with the same refund id won the claim: the same request gets its refund.
    if (error instanceof PaymentNoticeError && error.code === 'refund_already_recorded') return repeated();
    throw error;
  }
  deps.logger.info('refund requested', { refundId, noticeId, departmentId, amountFen });
  return (await deps.store.get(refundId)) ?? initial;
};
