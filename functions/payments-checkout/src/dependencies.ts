import { departmentEventPublisherFromEnvironment } from '@platform/department-webhooks';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { fiscalReceiptsFromEnvironment } from '@platform/fiscal-receipts';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { channelRegistryFromEnvironment, DynamoDbCheckoutStore } from '@platform/payment-orders';
import type { CheckoutDependencies } from './checkout-dependencies.ts';
import { payerAreaFromEnvironment } from './payer-area/payer-area-dependencies.ts';

/** The cashier reads notices and marks them paid; it never issues one, so it never seals personal data. */
const noSealing = (): never => {
  throw new Error('payments-checkout does not issue notices.');
};

/**
 * Everything the cashier needs, built once per instance from its environment:
 *
 * | variable                                   | what                                                            |
 * | ------------------------------------------ | --------------------------------------------------------------- |
 * | `PAYMENTS_TABLE`                           | the payments table (read/write)                                 |
 * | `PAYMENTS_URL`                             | the public URL: the channels' notify and return URLs            |
 * | `SANDBOX_CHANNEL_URL`, `…_CREDENTIALS_FILE` | the sandbox channel server and its shared secret (JSON file)   |
 * | `ALIPAY_URL`, `ALIPAY_CREDENTIALS_FILE`    | the Alipay gateway (or simulator) and the app's keys            |
 * | `WECHAT_PAY_URL`, `WECHAT_PAY_CREDENTIALS_FILE` | WeChat Pay APIv3 (or simulator) and the merchant's keys    |
 * | `DEPARTMENT_EVENTS_QUEUE_URL`, `SQS_ENDPOINT` | departments' events queue (`notice.paid`); SQS_ENDPOINT local only |
 * | `RECEIPT_KEY_SET_SECRET_ID`                | the receipt-signing keys (locally the file under `LOCAL_STATE_DIR`) |
 * | `DYNAMODB_ENDPOINT`                        | local only: DynamoDB Local                                      |
 *
 * A channel is offered only when both of its variables are set (the local runtime sets all three).
 */
export const checkoutDependencies = (env: NodeJS.ProcessEnv = process.env): CheckoutDependencies => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  const events = departmentEventPublisherFromEnvironment(env);
  const notices = new DynamoDbPaymentNoticeRepository({ documents, tableName, seal: noSealing, payerIndex: noSealing });
  return {
    paymentsUrl: requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, ''),
    notices,
    store: new DynamoDbCheckoutStore({ documents, tableName }),
    channels: channelRegistryFromEnvironment(env),
    now: () => new Date(),
    logger: createLogger({ fields: { fn: 'payments-checkout' } }),
    ...(events ? { events } : {}),
    // Every payment applied gets its receipt before it is acknowledged (`applyPayment`).
    receipts: fiscalReceiptsFromEnvironment(notices, env, documents),
    // `PAYER_SIGN_IN_*`: see payer-area/payer-area-dependencies.ts.
    payerArea: payerAreaFromEnvironment(env, {
      paymentsUrl: requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, ''),
      documents,
      tableName,
    }),
  };
};
