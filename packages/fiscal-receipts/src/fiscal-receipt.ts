import type { ReceiptDocument } from './receipt-document.ts';

/**
 * - `issued`: stands for the whole payment;
 * - `partially_credited`: credit notes (红字冲销) cover part of it;
 * - `voided`: credit notes cover all of it; the receipt no longer evidences a payment.
 */
export const RECEIPT_STATUSES = ['issued', 'partially_credited', 'voided'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** What a credit note states, signed like the receipt (type `fiscal-credit-note+jws`). */
export interface CreditNoteDocument {
  readonly version: 1;
  readonly receiptNumber: string;
  readonly refundId: string;
  readonly amountFen: number;
  readonly refundedAt: string;
  readonly creditedAt: string;
}

export interface CreditNote extends CreditNoteDocument {
  readonly signedCreditNote: string;
}

/**
 * A receipt as stored: the signed document and what has happened to it since. The document and its JWS never
 * change; credits are appended, one per refund, and the status is a function of them (`statusAfterCredits`).
 */
export interface FiscalReceipt {
  readonly document: ReceiptDocument;
  /** Compact JWS of the document (the finance bureau's signature). */
  readonly signedReceipt: string;
  readonly kid: string;
  readonly verificationCode: string;
  readonly status: ReceiptStatus;
  /** Sum of the credit notes' amounts, never more than `document.amountFen`. */
  readonly creditedFen: number;
  /** Oldest first. */
  readonly credits: readonly CreditNote[];
  readonly updatedAt: string;
}

export const statusAfterCredits = (amountFen: number, creditedFen: number): ReceiptStatus =>
  creditedFen === 0 ? 'issued' : creditedFen >= amountFen ? 'voided' : 'partially_credited';
