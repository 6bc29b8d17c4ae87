import {
  type DeliveryDependencies,
  DynamoDbWebhookStore,
  fetchTransport,
  retryScheduleFromEnvironment,
  sqsWebhookQueueFromEnvironment,
} from '@platform/department-webhooks';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';

/**
 * Everything the consumer needs, built once per instance from its environment:
 *
 * | variable                                      | what                                                          |
 * | --------------------------------------------- | ------------------------------------------------------------- |
 * | `PAYMENTS_TABLE`                              | endpoints and deliveries (read/write)                         |
 * | `DEPARTMENT_EVENTS_QUEUE_URL`                 | where scheduled retries are sent                              |
 * | `DEPARTMENT_EVENTS_DLQ_URL`                   | where a delivery's message parks after its last attempt       |
 * | `DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS`  | tests only: replaces the 30 s … 6 h schedule                  |
 * | `SQS_ENDPOINT`, `DYNAMODB_ENDPOINT`           | local only                                                    |
 */
export const webhooksConsumerDependencies = (env: NodeJS.ProcessEnv = process.env): DeliveryDependencies => {
  requiredEnv('DEPARTMENT_EVENTS_DLQ_URL', env);
  return {
    store: new DynamoDbWebhookStore({
      documents: createDocumentClient(env),
      tableName: requiredEnv('PAYMENTS_TABLE', env),
    }),
    queue: sqsWebhookQueueFromEnvironment(env),
    transport: fetchTransport(),
    schedule: retryScheduleFromEnvironment(env),
    now: () => new Date(),
    log: createLogger({ fields: { fn: 'payments-webhooks' } }),
  };
};
