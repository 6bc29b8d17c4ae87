import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { fiscalReceiptsFromEnvironment } from '@platform/fiscal-receipts';
import { createLogger } from '@platform/logging';
import type { ReceiptsDependencies } from './receipts-dependencies.ts';

/** Only the refund flow looks a notice up (to credit its receipt); the pages never do. */
const noNoticeLookup = {
  get: (): never => {
    throw new Error('payments-receipts does not read notices.');
  },
};

/**
 * | variable                    | what                                                                          |
 * | --------------------------- | ----------------------------------------------------------------------------- |
 * | `PAYMENTS_TABLE`            | the payments table (read)                                                     |
 * | `PAYMENTS_URL`              | the public URL printed on receipts                                            |
 * | `RECEIPT_KEY_SET_SECRET_ID` | the receipt key set's secret; unset locally: `LOCAL_STATE_DIR/keys/receipt-key-set.json` |
 * | `DYNAMODB_ENDPOINT`         | local only: DynamoDB Local                                                    |
 */
export const receiptsDependencies = (env: NodeJS.ProcessEnv = process.env): ReceiptsDependencies => ({
  paymentsUrl: requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, ''),
  receipts: fiscalReceiptsFromEnvironment(noNoticeLookup, env, createDocumentClient(env)),
  logger: createLogger({ fields: { fn: 'payments-receipts' } }),
});
