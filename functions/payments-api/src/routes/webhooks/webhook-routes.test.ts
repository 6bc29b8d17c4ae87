import type { WebhookEndpoint, WebhookQueue, WebhookStore } from '@platform/department-webhooks';
import { WebhookError } from '@platform/department-webhooks';
import { httpHandler } from '@platform/http';
import { describe, expect, it } from 'vitest';
import { createPaymentsApi } from '../../router.ts';
import { createTestApi } from '../../test-support/test-api.ts';
import { apiEvent, lambdaContext } from '../../test-support/test-events.ts';

/** Endpoints in memory: enough to see the routes' HTTP behaviour (storage is tested on DynamoDB Local). */
const endpointStore = () => {
  const endpoints: WebhookEndpoint[] = [];
  return {
    endpoints,
    store: {
      createEndpoint: async (endpoint: WebhookEndpoint) => {
        endpoints.push(endpoint);
      },
      listEndpoints: async (departmentId: string) => endpoints.filter((e) => e.departmentId === departmentId),
      deleteEndpoint: async (departmentId: string, endpointId: string) => {
        const index = endpoints.findIndex((e) => e.departmentId === departmentId && e.endpointId === endpointId);
        if (index < 0) throw new WebhookError('webhook_endpoint_not_found', 'No such webhook endpoint.');
        endpoints.splice(index, 1);
      },
    } as unknown as WebhookStore,
  };
};

const setup = async () => {
  const { store, endpoints } = endpointStore();
  const api = await createTestApi({ webhooks: { store, queue: {} as WebhookQueue } });
  const scope = 'payments:webhooks';
  const own = `Bearer ${await api.issuer.sign({ scope })}`;
  const other = `Bearer ${await api.issuer.sign({ scope, client_id: 'bj-education-exams' })}`;
  const noScope = `Bearer ${await api.issuer.sign()}`;
  const create = (body: unknown, authorization = own) =>
    api.call({
      routeKey: 'POST /v1/webhook-endpoints',
      path: '/v1/webhook-endpoints',
      headers: { authorization, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
      body,
    });
  const list = (authorization = own) =>
    api.call({ routeKey: 'GET /v1/webhook-endpoints', path: '/v1/webhook-endpoints', headers: { authorization } });
  // A 204 has no body, which the shared test caller would parse: call the handler directly.
  const handler = httpHandler(api.deps.logger, createPaymentsApi(api.deps));
  const remove = async (id: string, authorization = own) => {
    const response = await handler(
      apiEvent({
        routeKey: 'DELETE /v1/webhook-endpoints/{id}',
        method: 'DELETE',
        path: `/v1/webhook-endpoints/${id}`,
        pathParameters: { id },
        headers: { authorization },
      }),
      lambdaContext(),
    );
    return { status: response.statusCode, body: response.body ? JSON.parse(String(response.body)) : undefined };
  };
  return { create, list, remove, own, other, noScope, endpoints };
};

describe('webhook endpoint routes', () => {
  it('creates (secret once), lists without secrets, deletes (204); other departments see nothing', async () => {
    const { create, list, remove, other, endpoints } = await setup();
    const created = await create({ url: 'https://dept.example.gov.cn/hooks', eventTypes: ['notice.paid'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'https://dept.example.gov.cn/hooks', eventTypes: ['notice.paid'] });
    expect(created.body.secret).toBe(endpoints[0]?.secrets[0]);
    const listed = await list();
    expect(listed.body.endpoints).toEqual([expect.objectContaining({ id: created.body.id })]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect((await list(other)).body.endpoints).toEqual([]);
    expect((await remove(created.body.id, other)).status).toBe(404);
    const removed = await remove(created.body.id);
    expect(removed.status).toBe(204);
    expect((await list()).body.endpoints).toEqual([]);
  });

  it('refuses bad URLs and event types (422, field), and tokens without the webhooks scope (403)', async () => {
    const { create, list, noScope } = await setup();
    const badUrl = await create({ url: 'http://dept.example.gov.cn/hooks', eventTypes: ['notice.paid'] });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body).toMatchObject({ code: 'invalid_webhook_url', field: 'url' });
    const badTypes = await create({ url: 'https://dept.example.gov.cn/hooks', eventTypes: ['notice.issued'] });
    expect(badTypes.body).toMatchObject({ code: 'invalid_event_types', field: 'eventTypes' });
    const refused = await list(noScope);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');
  });
});
