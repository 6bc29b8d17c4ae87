export { type CreditDecision, decideCredit, type ReceiptRefund } from './decide-credit.ts';
export { DynamoDbFiscalReceiptStore, type DynamoDbFiscalReceiptStoreOptions } from './dynamodb-fiscal-receipt-store.ts';
export {
  type CreditNote,
  type CreditNoteDocument,
  type FiscalReceipt,
  RECEIPT_STATUSES,
  type ReceiptStatus,
  statusAfterCredits,
} from './fiscal-receipt.ts';
export type { FiscalReceiptStore } from './fiscal-receipt-store.ts';
export { FiscalReceipts, type FiscalReceiptsDependencies } from './fiscal-receipts.ts';
export { fiscalReceiptsFromEnvironment } from './fiscal-receipts-from-environment.ts';
export { InMemoryFiscalReceiptStore } from './in-memory-fiscal-receipt-store.ts';
export { renderReceiptPdf } from './pdf/receipt-pdf.ts';
export { type ReceiptDocument, receiptDocumentFor } from './receipt-document.ts';
export { FiscalReceiptError, type FiscalReceiptErrorCode, isFiscalReceiptError } from './receipt-errors.ts';
export { receiptKey } from './receipt-item.ts';
export { receiptKeyStoreFromEnvironment } from './receipt-key-store-from-environment.ts';
export {
  fiscalYearOf,
  formatReceiptNumber,
  isReceiptNumber,
  parseReceiptNumber,
  RECEIPT_NUMBER_LENGTH,
  type ReceiptNumber,
  receiptNumberFor,
} from './receipt-number.ts';
export { CHANNEL_TEXT, channelText, chinaTime, receiptUrls, STATUS_TEXT, yuan } from './receipt-presentation.ts';
export { keySetReceiptKeys, type ReceiptKeys, type ReceiptSigningKey } from './receipt-signing-keys.ts';
export {
  checkStoredReceipt,
  type ReceiptSummary,
  type ReceiptVerification,
  summaryOf,
  type VerificationReason,
  verifySignedReceipt,
  verifyWithCode,
} from './receipt-verification.ts';
export { CREDIT_NOTE_TYPE, checkSignedDocument, RECEIPT_TYPE, signDocument } from './signed-document.ts';
export {
  formatVerificationCode,
  parseVerificationCode,
  VERIFICATION_CODE_LENGTH,
  verificationCodeOf,
} from './verification-code.ts';
