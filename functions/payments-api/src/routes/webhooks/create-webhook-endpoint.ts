import { newWebhookEndpoint, publicEndpoint } from '@platform/department-webhooks';
import type { HttpHandler } from '@platform/http';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';
import { requireScope } from '../../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../../auth/scopes.ts';
import { respondIdempotently } from '../../http/idempotent-request.ts';
import { jsonObjectBody } from '../../http/json-body.ts';
import { webhooksOf } from './webhooks-of.ts';

/**
 * `POST /v1/webhook-endpoints` `{ url, eventTypes, description? }`: 201 with the endpoint and its signing `secret`,
 * shown this once (a replay under the same Idempotency-Key shows the same answer, the secret included, for the
 * key's lifetime: a department whose first answer was lost gets it again instead of registering twice).
 */
export const createWebhookEndpoint =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event, context) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.webhooks);
    const body = jsonObjectBody(event);
    const { store } = webhooksOf(deps);
    return respondIdempotently({
      idempotency: deps.idempotency,
      departmentId: caller.departmentId,
      event,
      context,
      body,
      run: async () => {
        const endpoint = newWebhookEndpoint(body, caller.departmentId, deps.now());
        await store.createEndpoint(endpoint);
        return {
          statusCode: 201,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            location: `${deps.paymentsUrl}/v1/webhook-endpoints/${endpoint.endpointId}`,
            'cache-control': 'no-store',
          },
          body: { ...endpointRepresentation(publicEndpoint(endpoint)), secret: endpoint.secrets[0] },
        };
      },
    });
  };

export const endpointRepresentation = ({ endpointId, ...rest }: ReturnType<typeof publicEndpoint>) => ({
  id: endpointId,
  ...rest,
});
