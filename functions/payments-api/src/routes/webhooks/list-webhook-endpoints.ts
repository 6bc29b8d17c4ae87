import { publicEndpoint } from '@platform/department-webhooks';
import { type HttpHandler, jsonResponse } from '@platform/http';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';
import { requireScope } from '../../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../../auth/scopes.ts';
import { endpointRepresentation } from './create-webhook-endpoint.ts';
import { webhooksOf } from './webhooks-of.ts';

/** `GET /v1/webhook-endpoints`: the department's endpoints (at most ten, so one page), never their secrets. */
export const listWebhookEndpoints =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.webhooks);
    const endpoints = await webhooksOf(deps).store.listEndpoints(caller.departmentId);
    return jsonResponse(
      200,
      { endpoints: endpoints.map((endpoint) => endpointRepresentation(publicEndpoint(endpoint))) },
      { 'cache-control': 'no-store' },
    );
  };
