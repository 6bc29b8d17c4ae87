import type { DocumentClient } from '@platform/dynamodb';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import { DynamoDbFiscalReceiptStore } from './dynamodb-fiscal-receipt-store.ts';
import { FiscalReceipts } from './fiscal-receipts.ts';
import { receiptKeyStoreFromEnvironment } from './receipt-key-store-from-environment.ts';
import { keySetReceiptKeys } from './receipt-signing-keys.ts';

/**
 * The receipts of a payments function, from its environment: `PAYMENTS_TABLE`, and the receipt key store
 * (`RECEIPT_KEY_SET_SECRET_ID`, or the local file under `LOCAL_STATE_DIR`). `notices` is the function's own notice
 * repository (only `get` is used).
 */
export const fiscalReceiptsFromEnvironment = (
  notices: Pick<PaymentNoticeRepository, 'get'>,
  env: NodeJS.ProcessEnv = process.env,
  documents: DocumentClient = createDocumentClient(env),
): FiscalReceipts =>
  new FiscalReceipts({
    store: new DynamoDbFiscalReceiptStore({ documents, tableName: requiredEnv('PAYMENTS_TABLE', env) }),
    keys: keySetReceiptKeys(receiptKeyStoreFromEnvironment(env).store),
    notices,
  });
