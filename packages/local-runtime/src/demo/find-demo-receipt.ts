import type { DocumentClient } from '@platform/dynamodb';
import { DynamoDbFiscalReceiptStore, type FiscalReceipt, receiptNumberFor } from '@platform/fiscal-receipts';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { localPersonalDataVault } from '@platform/personal-data';

export interface DemoReceiptQuery {
  readonly documents: DocumentClient;
  readonly paymentsTable: string;
  /** The local platform's state folder: the payments functions' vault keys. */
  readonly stateDir: string;
  readonly paymentCode: string;
}

/**
 * The receipt of a paid notice, read from the payments table as the payer area finds it (its number is a function of
 * the notice). The receipt page opens only with the verification code printed on the receipt, which this prints, so
 * that a receipt can be looked at on the local platform.
 */
export const findDemoReceipt = async (query: DemoReceiptQuery): Promise<FiscalReceipt> => {
  const vault = await localPersonalDataVault(query.stateDir);
  const notices = new DynamoDbPaymentNoticeRepository({
    documents: query.documents,
    tableName: query.paymentsTable,
    seal: (kind, value) => vault.seal(kind, value),
    payerIndex: (kind, value) => vault.blindIndex(kind, value),
  });
  const notice = await notices.findByPaymentCode(query.paymentCode.replaceAll(' ', ''));
  if (!notice) throw new Error(`no notice has payment code ${query.paymentCode}`);
  if (!notice.payment) throw new Error(`the notice is ${notice.status}: a receipt is issued once it is paid`);
  const receipt = await new DynamoDbFiscalReceiptStore({
    documents: query.documents,
    tableName: query.paymentsTable,
  }).get(receiptNumberFor(notice));
  if (!receipt) throw new Error('the notice is paid but its receipt is not issued yet: try again in a moment');
  return receipt;
};
