import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { type RefundService, refundHooksFromEnvironment, refundServiceFromEnvironment } from '@platform/refunds';

/** The resume never issues notices nor authorises officers, so it holds no personal-data key. */
const noPersonalData = (): never => {
  throw new Error('payments-refunds neither records payers nor authorises finance officers.');
};

/**
 * The refund service as the scheduled resume runs it: `PAYMENTS_TABLE`, the channels' variables (the same as the
 * cashier's, `@platform/payment-orders` `CHANNEL_VARIABLES`), the hooks' receipt keys and department-events queue
 * (`refundHooksFromEnvironment`: the same as the finance console's) and locally `DYNAMODB_ENDPOINT`.
 */
export const refundsScheduleDependencies = (env: NodeJS.ProcessEnv = process.env): RefundService => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  const notices = new DynamoDbPaymentNoticeRepository({
    documents,
    tableName,
    seal: noPersonalData,
    payerIndex: noPersonalData,
  });
  return refundServiceFromEnvironment({
    env,
    documents,
    tableName,
    notices,
    officerIndex: noPersonalData,
    logger: createLogger({ fields: { fn: 'payments-refunds' } }),
    hooks: refundHooksFromEnvironment(env, notices, documents),
  });
};
