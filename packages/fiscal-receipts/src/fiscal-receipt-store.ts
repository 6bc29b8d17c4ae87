import type { CreditNote, FiscalReceipt, ReceiptStatus } from './fiscal-receipt.ts';

/**
 * Storage of receipts (port). Implementation: `DynamoDbFiscalReceiptStore` (the payments table). Errors are this
 * package's or `StorageUnavailableError`; no SDK type leaves.
 */
export interface FiscalReceiptStore {
  /**
   * Stores `receipt` unless its number is taken — one conditional put — and resolves with what is stored then:
   * `created: true` and this receipt, or `created: false` and the receipt that was there first (a retry, or a
   * concurrent issuer that won). Two issuers sign different JWSs (ECDSA is randomised); only the stored one counts.
   */
  create(receipt: FiscalReceipt): Promise<{ readonly created: boolean; readonly receipt: FiscalReceipt }>;

  /** The receipt, read strongly consistently; undefined if there is none. */
  get(receiptNumber: string): Promise<FiscalReceipt | undefined>;

  /**
   * Appends `credit` and sets the new total and status, provided the stored total is still `expectedCreditedFen`
   * (totals only grow, so it is a version). Resolves false if another credit got there first: re-read, decide again.
   */
  appendCredit(change: {
    readonly receiptNumber: string;
    readonly expectedCreditedFen: number;
    readonly credit: CreditNote;
    readonly creditedFen: number;
    readonly status: ReceiptStatus;
    readonly updatedAt: string;
  }): Promise<boolean>;
}
