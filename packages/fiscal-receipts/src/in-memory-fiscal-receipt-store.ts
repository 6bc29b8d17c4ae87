import type { FiscalReceipt } from './fiscal-receipt.ts';
import type { FiscalReceiptStore } from './fiscal-receipt-store.ts';

/**
 * The store contract in memory, for unit tests of code that issues or reads receipts (the DynamoDB store is
 * covered by tests/integration/fiscal-receipts.test.ts). Copies in and out, as a database would.
 */
export class InMemoryFiscalReceiptStore implements FiscalReceiptStore {
  readonly #receipts = new Map<string, FiscalReceipt>();

  async create(receipt: FiscalReceipt): Promise<{ created: boolean; receipt: FiscalReceipt }> {
    const existing = this.#receipts.get(receipt.document.receiptNumber);
    if (existing) return { created: false, receipt: structuredClone(existing) };
    this.#receipts.set(receipt.document.receiptNumber, structuredClone(receipt));
    return { created: true, receipt };
  }

  async get(receiptNumber: string): Promise<FiscalReceipt | undefined> {
    const receipt = this.#receipts.get(receiptNumber);
    return receipt ? structuredClone(receipt) : undefined;
  }

  async appendCredit(change: Parameters<FiscalReceiptStore['appendCredit']>[0]): Promise<boolean> {
    const receipt = this.#receipts.get(change.receiptNumber);
    if (!receipt || receipt.creditedFen !== change.expectedCreditedFen) return false;
    this.#receipts.set(change.receiptNumber, {
      ...receipt,
      credits: [...receipt.credits, structuredClone(change.credit)],
      creditedFen: change.creditedFen,
      status: change.status,
      updatedAt: change.updatedAt,
    });
    return true;
  }

  /** Tests only: replace a stored receipt as an intruder with database access would. */
  overwrite(receipt: FiscalReceipt): void {
    this.#receipts.set(receipt.document.receiptNumber, structuredClone(receipt));
  }
}
