import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { channelRegistryFromEnvironment } from './checkout/channel-registry.ts';
import { DynamoDbCheckoutStore } from './checkout/checkout-store.ts';
import type { CheckoutDependencies } from './checkout-dependencies.ts';

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
 * | `DYNAMODB_ENDPOINT`                        | local only: DynamoDB Local                                      |
 *
 * A channel is offered only when both of its variables are set (the local runtime sets all three).
 */
export const checkoutDependencies = (env: NodeJS.ProcessEnv = process.env): CheckoutDependencies => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  return {
    paymentsUrl: requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, ''),
    notices: new DynamoDbPaymentNoticeRepository({ documents, tableName, seal: noSealing, payerIndex: noSealing }),
    store: new DynamoDbCheckoutStore({ documents, tableName }),
    channels: channelRegistryFromEnvironment(env),
    now: () => new Date(),
    logger: createLogger({ fields: { fn: 'payments-checkout' } }),
  };
};
