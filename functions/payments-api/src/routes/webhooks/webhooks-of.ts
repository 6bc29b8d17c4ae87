import type { WebhookQueue, WebhookStore } from '@platform/department-webhooks';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';

/** The webhooks' store and queue, or a clear failure where the function was deployed without them. */
export const webhooksOf = (deps: PaymentsApiDependencies): { store: WebhookStore; queue: WebhookQueue } => {
  if (!deps.webhooks) {
    throw new Error('Webhooks are not configured: DEPARTMENT_EVENTS_QUEUE_URL is not set for the payments API.');
  }
  return deps.webhooks;
};
