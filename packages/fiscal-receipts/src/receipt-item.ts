import type { FiscalReceipt } from './fiscal-receipt.ts';

/**
 * The receipt's item on the payments table (generic `pk`/`sk`; no index):
 *
 * | item    | pk                         | sk        | attributes                                                      |
 * | ------- | -------------------------- | --------- | --------------------------------------------------------------- |
 * | receipt | `RECEIPT#<receiptNumber>`  | `RECEIPT` | `entity`, `noticeId`, `document`, `signedReceipt`, `kid`, `verificationCode`, `status`, `creditedFen`, `credits`, `updatedAt` |
 *
 * Keyed by number, because the public pages look receipts up by number; the notice's receipt is found by computing
 * its number (`receiptNumberFor`). No TTL: receipts are financial records.
 */
export const receiptKey = (receiptNumber: string) => ({ pk: `RECEIPT#${receiptNumber}`, sk: 'RECEIPT' });

type Item = Record<string, unknown>;

export const toReceiptItem = (receipt: FiscalReceipt): Item => ({
  ...receiptKey(receipt.document.receiptNumber),
  entity: 'fiscal-receipt',
  noticeId: receipt.document.noticeId,
  ...receipt,
});

export const fromReceiptItem = (item: Item): FiscalReceipt => {
  const { pk: _pk, sk: _sk, entity: _entity, noticeId: _noticeId, ...receipt } = item;
  return receipt as unknown as FiscalReceipt;
};
