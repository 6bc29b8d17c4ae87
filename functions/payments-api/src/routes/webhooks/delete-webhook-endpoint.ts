import type { HttpHandler } from '@platform/http';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';
import { requireScope } from '../../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../../auth/scopes.ts';
import { webhooksOf } from './webhooks-of.ts';

/**
 * `DELETE /v1/webhook-endpoints/{id}`: 204; another department's or an unknown id is `not_found`. Deliveries still
 * pending to it fail at their next attempt ("endpoint deleted") and can not be replayed anywhere else.
 */
export const deleteWebhookEndpoint =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.webhooks);
    await webhooksOf(deps).store.deleteEndpoint(caller.departmentId, event.pathParameters?.id ?? '');
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  };
