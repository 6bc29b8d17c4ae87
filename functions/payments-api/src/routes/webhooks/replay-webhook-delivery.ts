import { deliveryRepresentation, replayDelivery } from '@platform/department-webhooks';
import type { HttpHandler } from '@platform/http';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';
import { requireScope } from '../../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../../auth/scopes.ts';
import { respondIdempotently } from '../../http/idempotent-request.ts';
import { webhooksOf } from './webhooks-of.ts';

/**
 * `POST /v1/webhook-deliveries/{id}/replay` (no body): a failed delivery is attempted again with the whole retry
 * schedule ahead; 202 with the delivery, now `pending`. Replaying one that is already pending again is a no-op
 * (202, nothing sent twice); one that succeeded is `webhook_delivery_not_failed` (409).
 */
export const replayWebhookDelivery =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event, context) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.webhooks);
    const webhooks = webhooksOf(deps);
    return respondIdempotently({
      idempotency: deps.idempotency,
      departmentId: caller.departmentId,
      event,
      context,
      body: {},
      run: async () => {
        const delivery = await replayDelivery(
          { ...webhooks, now: deps.now },
          caller.departmentId,
          event.pathParameters?.id ?? '',
        );
        return {
          statusCode: 202,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          body: deliveryRepresentation(delivery),
        };
      },
    });
  };
