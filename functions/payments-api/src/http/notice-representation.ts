import { formatPaymentCode, type PaymentNotice } from '@platform/payment-notices';

/**
 * A notice as the API shows it to its department: amounts in integer fen, the payment code in groups of four as
 * printed, the payer only masked (the sealed identifier and name, and the blind index, never leave the store).
 */
export const noticeRepresentation = (notice: PaymentNotice) => ({
  id: notice.noticeId,
  paymentCode: formatPaymentCode(notice.paymentCode),
  status: notice.status,
  departmentId: notice.departmentId,
  itemCode: notice.itemCode,
  itemNameZh: notice.itemNameZh,
  regionCode: notice.regionCode,
  payer: {
    kind: notice.payer.kind,
    maskedIdentifier: notice.payer.maskedIdentifier,
    maskedName: notice.payer.maskedName,
  },
  amountFen: notice.amountFen,
  paidFen: notice.paidFen,
  refundedFen: notice.refundedFen,
  dueDate: notice.dueDate,
  dueAt: notice.dueAt,
  description: notice.description,
  metadata: notice.metadata,
  issuedAt: notice.issuedAt,
  updatedAt: notice.updatedAt,
  ...(notice.payment
    ? {
        payment: {
          paymentId: notice.payment.paymentId,
          channel: notice.payment.channel,
          channelTransactionId: notice.payment.channelTransactionId,
          paidAt: notice.payment.paidAt,
        },
      }
    : {}),
  ...(notice.cancellation
    ? { cancellation: { reason: notice.cancellation.reason, cancelledAt: notice.cancellation.cancelledAt } }
    : {}),
  ...(notice.expiredAt ? { expiredAt: notice.expiredAt } : {}),
});

export type NoticeRepresentation = ReturnType<typeof noticeRepresentation>;
