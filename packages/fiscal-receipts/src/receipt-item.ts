import type { FiscalReceipt } from './fiscal-receipt.ts';
import type { ReceiptDocument } from './receipt-document.ts';
import { storedPayloadOf } from './signed-document.ts';

/**
 * The receipt's item on the payments table (generic `pk`/`sk`; no index):
 *
 * | item    | pk                         | sk        | attributes                                                      |
 * | ------- | -------------------------- | --------- | --------------------------------------------------------------- |
 * | receipt | `RECEIPT#<receiptNumber>`  | `RECEIPT` | `entity`, `noticeId`, `signedReceipt`, `kid`, `verificationCode`, `status`, `creditedFen`, `credits`, `updatedAt` |
 *
 * Keyed by number, because the public pages look receipts up by number; the notice's receipt is found by computing
 * its number (`receiptNumberFor`). No TTL: receipts are financial records.
 *
 * The document is stored once, as the payload of `signedReceipt` (canonical JSON of it), and read back from there: a
 * plain copy beside it would be the same facts again in every receipt's write (it rides in the payment's transaction)
 * and a second version of them that could disagree with the signed one.
 */
export const receiptKey = (receiptNumber: string) => ({ pk: `RECEIPT#${receiptNumber}`, sk: 'RECEIPT' });

type Item = Record<string, unknown>;

export const toReceiptItem = ({ document, ...receipt }: FiscalReceipt): Item => ({
  ...receiptKey(document.receiptNumber),
  entity: 'fiscal-receipt',
  noticeId: document.noticeId,
  ...receipt,
});

export const fromReceiptItem = (item: Item): FiscalReceipt => {
  const { pk: _pk, sk: _sk, entity: _entity, noticeId: _noticeId, ...receipt } = item;
  const document = storedPayloadOf(String(receipt.signedReceipt)) as unknown as ReceiptDocument;
  return { ...receipt, document } as unknown as FiscalReceipt;
};
