import { departmentEventPublisherFromEnvironment, QUEUE_VARIABLES } from '@platform/department-webhooks';
import { createDocumentClient, type DocumentClient } from '@platform/dynamodb';
import { fiscalReceiptsFromEnvironment } from '@platform/fiscal-receipts';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import type { RefundHooks } from './refund-dependencies.ts';
import { refundHooks } from './refund-hooks.ts';

/**
 * The refund hooks of any function that runs refunds (the payments API, the scheduled resume, the finance console),
 * from its environment: the receipts (`PAYMENTS_TABLE`, `RECEIPT_KEY_SET_SECRET_ID` or locally the key file under
 * `LOCAL_STATE_DIR`) and the departments' events queue (`DEPARTMENT_EVENTS_QUEUE_URL`, locally `SQS_ENDPOINT`).
 *
 * A function without the queue still credits receipts, but its hooks fail with a clear error before publishing, so
 * the refund stays in the hooks queue (logged) until a function that has the queue runs them: an event is never
 * silently skipped.
 */
export const refundHooksFromEnvironment = (
  env: NodeJS.ProcessEnv,
  notices: Pick<PaymentNoticeRepository, 'get'>,
  documents: DocumentClient = createDocumentClient(env),
): RefundHooks =>
  refundHooks({
    receipts: fiscalReceiptsFromEnvironment(notices, env, documents),
    events: departmentEventPublisherFromEnvironment(env) ?? {
      publish: async () => {
        throw new Error(
          `${QUEUE_VARIABLES.queueUrl} is not set: this function can not publish refund events (make it a producer of the department-events queue).`,
        );
      },
    },
  });
