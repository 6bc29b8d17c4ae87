import type { PaymentNotice } from '@platform/payment-notices';
import { FiscalReceiptError } from './receipt-errors.ts';
import { type ReceiptNumber, receiptNumberFor } from './receipt-number.ts';

/**
 * What the finance bureau signs: every fact printed on the receipt, nothing that changes later (the status lives
 * beside it, see `fiscal-receipt.ts`). The payer appears only masked, as on the notice: a receipt is handed to
 * employers and auditors, who need to recognise the payer, not to learn their ID number.
 */
export interface ReceiptDocument {
  /** Schema version of this document: a verifier refuses versions it does not know. */
  readonly version: 1;
  readonly receiptNumber: ReceiptNumber;
  readonly noticeId: string;
  readonly paymentCode: string;
  readonly departmentId: string;
  readonly itemCode: string;
  readonly itemNameZh: string;
  readonly payer: {
    readonly kind: string;
    readonly maskedName: string;
    readonly maskedIdentifier: string;
  };
  readonly amountFen: number;
  readonly paidAt: string;
  readonly channel: string;
  readonly issuedAt: string;
  /** The signing finance bureau, by the administrative division code of the notice. */
  readonly financeBureau: { readonly regionCode: string };
}

/** Notice states in which a payment was made (later refunds do not undo the fact of payment). */
const PAID_STATES = new Set(['paid', 'partially_refunded', 'refunded']);

export const receiptDocumentFor = (notice: PaymentNotice, issuedAt: Date): ReceiptDocument => {
  const payment = notice.payment;
  if (!payment || !PAID_STATES.has(notice.status)) {
    throw new FiscalReceiptError('notice_not_paid', `Notice ${notice.noticeId} is ${notice.status}, not paid.`);
  }
  return {
    version: 1,
    receiptNumber: receiptNumberFor(notice),
    noticeId: notice.noticeId,
    paymentCode: notice.paymentCode,
    departmentId: notice.departmentId,
    itemCode: notice.itemCode,
    itemNameZh: notice.itemNameZh,
    payer: {
      kind: notice.payer.kind,
      maskedName: notice.payer.maskedName,
      maskedIdentifier: notice.payer.maskedIdentifier,
    },
    // What was paid, which is the notice's amount (`markPaid` refuses any other).
    amountFen: notice.paidFen,
    paidAt: payment.paidAt,
    channel: payment.channel,
    issuedAt: issuedAt.toISOString(),
    financeBureau: { regionCode: notice.regionCode },
  };
};
