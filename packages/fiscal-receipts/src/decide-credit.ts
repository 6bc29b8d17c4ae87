import {
  type CreditNoteDocument,
  type FiscalReceipt,
  type ReceiptStatus,
  statusAfterCredits,
} from './fiscal-receipt.ts';
import { FiscalReceiptError } from './receipt-errors.ts';

/** A refund that succeeded at the channel, as the refund flow reports it. */
export interface ReceiptRefund {
  readonly refundId: string;
  readonly amountFen: number;
  readonly refundedAt: string;
}

export type CreditDecision =
  | { readonly kind: 'already_credited' }
  | {
      readonly kind: 'credit';
      readonly creditNote: CreditNoteDocument;
      readonly creditedFen: number;
      readonly status: ReceiptStatus;
    };

const REFUND_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The rule of a credit note, pure: one per refund id (a replayed refund changes nothing), positive integer fen,
 * and never more in total than the receipt's amount (the payment side already refuses over-refunds; this is the
 * receipt's own guard, so a bug elsewhere can not make a receipt say less than nothing).
 */
export const decideCredit = (receipt: FiscalReceipt, refund: ReceiptRefund, now: Date): CreditDecision => {
  if (typeof refund.refundId !== 'string' || !REFUND_ID.test(refund.refundId)) {
    throw new FiscalReceiptError('invalid_credit', 'refundId must be 1-64 letters, digits, _ or -.', {
      field: 'refundId',
    });
  }
  if (receipt.credits.some((credit) => credit.refundId === refund.refundId)) return { kind: 'already_credited' };
  if (!Number.isSafeInteger(refund.amountFen) || refund.amountFen <= 0) {
    throw new FiscalReceiptError('invalid_credit', 'amountFen must be a positive integer.', { field: 'amountFen' });
  }
  if (Number.isNaN(Date.parse(refund.refundedAt))) {
    throw new FiscalReceiptError('invalid_credit', 'refundedAt must be an ISO 8601 instant.', { field: 'refundedAt' });
  }
  const creditedFen = receipt.creditedFen + refund.amountFen;
  if (creditedFen > receipt.document.amountFen) {
    throw new FiscalReceiptError(
      'credit_exceeds_receipt',
      `Credits would reach ${creditedFen} fen on a receipt of ${receipt.document.amountFen} fen.`,
    );
  }
  return {
    kind: 'credit',
    creditNote: {
      version: 1,
      receiptNumber: receipt.document.receiptNumber,
      refundId: refund.refundId,
      amountFen: refund.amountFen,
      refundedAt: new Date(refund.refundedAt).toISOString(),
      creditedAt: now.toISOString(),
    },
    creditedFen,
    status: statusAfterCredits(receipt.document.amountFen, creditedFen),
  };
};
