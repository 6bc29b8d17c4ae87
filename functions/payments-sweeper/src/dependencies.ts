import { departmentEventPublisherFromEnvironment } from '@platform/department-webhooks';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { fiscalReceiptsFromEnvironment } from '@platform/fiscal-receipts';
import { createLogger, type Logger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import {
  channelRegistryFromEnvironment,
  DynamoDbCheckoutStore,
  type SweepDependencies,
} from '@platform/payment-orders';

export interface SweeperDependencies extends SweepDependencies {
  readonly logger: Logger;
}

/** The sweeper reads, pays, closes and expires notices; it never issues one, so it never seals personal data. */
const noSealing = (): never => {
  throw new Error('payments-sweeper does not issue notices.');
};

/**
 * Everything the sweeper needs, built once per instance from its environment: `PAYMENTS_TABLE`, the channels'
 * variables (the same as the cashier's: `SANDBOX_CHANNEL_URL`, `…_CREDENTIALS_FILE`, …; see
 * `@platform/payment-orders` `CHANNEL_VARIABLES`), the departments' events queue (`DEPARTMENT_EVENTS_QUEUE_URL`, locally
 * also `SQS_ENDPOINT`: `notice.paid` of payments found by query, `notice.expired`), the receipt-signing keys
 * (`RECEIPT_KEY_SET_SECRET_ID`, locally the file under `LOCAL_STATE_DIR`: payments found by query get their receipt)
 * and locally `DYNAMODB_ENDPOINT`.
 */
export const sweeperDependencies = (env: NodeJS.ProcessEnv = process.env): SweeperDependencies => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  const events = departmentEventPublisherFromEnvironment(env);
  const notices = new DynamoDbPaymentNoticeRepository({ documents, tableName, seal: noSealing, payerIndex: noSealing });
  return {
    notices,
    store: new DynamoDbCheckoutStore({ documents, tableName }),
    channels: channelRegistryFromEnvironment(env),
    now: () => new Date(),
    logger: createLogger({ fields: { fn: 'payments-sweeper' } }),
    ...(events ? { events } : {}),
    receipts: fiscalReceiptsFromEnvironment(notices, env, documents),
  };
};
