import { type HttpHandler, notFound, problemResponse } from '@platform/http';
import type { PaymentsApiDependencies } from './api-dependencies.ts';
import { AuthenticationProblem } from './auth/authentication-problem.ts';
import { toProblem } from './http/domain-problem.ts';
import { cancelNotice } from './routes/cancel-notice.ts';
import { getNotice } from './routes/get-notice.ts';
import { getOpenApiDocument } from './routes/get-openapi-document.ts';
import { getRefund } from './routes/get-refund.ts';
import { issueNotice } from './routes/issue-notice.ts';
import { listNoticeRefunds } from './routes/list-notice-refunds.ts';
import { listNotices } from './routes/list-notices.ts';
import { requestRefund } from './routes/request-refund.ts';
import { createWebhookEndpoint } from './routes/webhooks/create-webhook-endpoint.ts';
import { deleteWebhookEndpoint } from './routes/webhooks/delete-webhook-endpoint.ts';
import { listWebhookDeliveries } from './routes/webhooks/list-webhook-deliveries.ts';
import { listWebhookEndpoints } from './routes/webhooks/list-webhook-endpoints.ts';
import { replayWebhookDelivery } from './routes/webhooks/replay-webhook-delivery.ts';

/** Every route of the API, by the API Gateway route key the topology declares (`packages/topology`). */
const ROUTES = {
  'GET /v1/openapi.json': getOpenApiDocument,
  'POST /v1/notices': issueNotice,
  'GET /v1/notices': listNotices,
  'GET /v1/notices/{id}': getNotice,
  'POST /v1/notices/{id}/cancel': cancelNotice,
  'POST /v1/webhook-endpoints': createWebhookEndpoint,
  'GET /v1/webhook-endpoints': listWebhookEndpoints,
  'DELETE /v1/webhook-endpoints/{id}': deleteWebhookEndpoint,
  'GET /v1/webhook-deliveries': listWebhookDeliveries,
  'POST /v1/webhook-deliveries/{id}/replay': replayWebhookDelivery,
  'POST /v1/notices/{id}/refunds': requestRefund,
  'GET /v1/notices/{id}/refunds': listNoticeRefunds,
  'GET /v1/refunds/{refundId}': getRefund,
} as const satisfies Record<string, (deps: PaymentsApiDependencies) => HttpHandler>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/**
 * The function's handler before the platform's middleware: picks the route by `routeKey` and turns what routes
 * throw into problems. Refused credentials get their `WWW-Authenticate` challenge here, since the shared
 * problem serialiser knows nothing of authentication.
 */
export const createPaymentsApi = (deps: PaymentsApiDependencies): HttpHandler => {
  const routes = new Map<string, HttpHandler>(ROUTE_KEYS.map((key) => [key, ROUTES[key](deps)]));
  return async (event, context) => {
    const route = routes.get(event.routeKey);
    if (!route) throw notFound();
    try {
      return await route(event, context);
    } catch (error) {
      if (error instanceof AuthenticationProblem) {
        const response = problemResponse(error, event.rawPath, context.awsRequestId);
        return { ...response, headers: { ...response.headers, 'www-authenticate': error.challenge } };
      }
      throw toProblem(error) ?? error;
    }
  };
};
