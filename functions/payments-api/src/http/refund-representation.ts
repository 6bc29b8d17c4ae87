import type { Refund } from '@platform/refunds';

/**
 * A refund as the API shows it to the department that asked for it: amounts in fen, the approvals as how many and
 * when (who approved is the finance bureau's business: officers appear by masked name only), the channel's outcome.
 */
export const refundRepresentation = (refund: Refund) => ({
  id: refund.refundId,
  noticeId: refund.noticeId,
  status: refund.state,
  amountFen: refund.amountFen,
  reason: refund.reason,
  channel: refund.channel,
  requestedAt: refund.requestedAt,
  updatedAt: refund.updatedAt,
  approvals: refund.approvals.map((approval) => ({ approvedBy: approval.maskedName, approvedAt: approval.approvedAt })),
  ...(refund.rejection
    ? {
        rejection: {
          rejectedBy: refund.rejection.maskedName,
          reason: refund.rejection.reason,
          rejectedAt: refund.rejection.rejectedAt,
        },
      }
    : {}),
  ...(refund.settlement
    ? {
        refundedAt: refund.settlement.refundedAt,
        ...(refund.settlement.channelRefundId ? { channelRefundId: refund.settlement.channelRefundId } : {}),
      }
    : {}),
  ...(refund.failure ? { failure: { reason: refund.failure.reason, failedAt: refund.failure.failedAt } } : {}),
});

export type RefundRepresentation = ReturnType<typeof refundRepresentation>;
