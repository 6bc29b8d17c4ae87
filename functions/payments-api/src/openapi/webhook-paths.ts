import { DELIVERY_STATUSES, DEPARTMENT_EVENT_TYPES } from '@platform/department-webhooks';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';

/** The webhooks part of the OpenAPI document (spread into `openapi-document.ts`). How to verify: docs/department-webhooks.md. */
const ref = (kind: 'schemas' | 'responses' | 'parameters' | 'headers', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});
const json = (schema: unknown) => ({ 'application/json': { schema } });
const security = [{ departmentToken: [PAYMENTS_SCOPES.webhooks] }];

const COMMON_RESPONSES = {
  '401': ref('responses', 'Unauthorized'),
  '403': ref('responses', 'Forbidden'),
  '503': ref('responses', 'ServiceUnavailable'),
};

export const WEBHOOK_PATHS = {
  '/v1/webhook-endpoints': {
    post: {
      operationId: 'createWebhookEndpoint',
      summary: 'Register an endpoint for the department’s events; its signing secret is shown this once',
      description:
        'Events are POSTed as JSON with `Platform-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw ' +
        'body>")>`. Answer 2xx within 5 s; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h, then the ' +
        'delivery is `failed` and can be replayed. Delivery is at least once: dedupe on the event `id`.',
      security,
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: { required: true, content: json(ref('schemas', 'WebhookEndpointRequest')) },
      responses: {
        '201': {
          description: 'Registered, with `secret` (never shown again)',
          content: json(ref('schemas', 'NewWebhookEndpoint')),
        },
        '400': ref('responses', 'BadRequest'),
        '409': ref('responses', 'WebhookConflict'),
        '415': ref('responses', 'UnsupportedMediaType'),
        '422': ref('responses', 'UnprocessableContent'),
        ...COMMON_RESPONSES,
      },
    },
    get: {
      operationId: 'listWebhookEndpoints',
      summary: 'The department’s endpoints, without their secrets',
      security,
      responses: {
        '200': { description: 'The endpoints', content: json(ref('schemas', 'WebhookEndpointList')) },
        ...COMMON_RESPONSES,
      },
    },
  },
  '/v1/webhook-endpoints/{id}': {
    parameters: [ref('parameters', 'WebhookEndpointId')],
    delete: {
      operationId: 'deleteWebhookEndpoint',
      summary: 'Stop sending to an endpoint',
      security,
      responses: { '204': { description: 'Deleted' }, '404': ref('responses', 'NotFound'), ...COMMON_RESPONSES },
    },
  },
  '/v1/webhook-deliveries': {
    get: {
      operationId: 'listWebhookDeliveries',
      summary: 'The department’s deliveries, newest first, with their attempts (e.g. `?status=failed`)',
      security,
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...DELIVERY_STATUSES] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        {
          name: 'cursor',
          in: 'query',
          description: '`next_cursor` of the previous page of the same listing.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': { description: 'A page of deliveries', content: json(ref('schemas', 'WebhookDeliveryPage')) },
        '400': ref('responses', 'BadRequest'),
        ...COMMON_RESPONSES,
      },
    },
  },
  '/v1/webhook-deliveries/{id}/replay': {
    parameters: [ref('parameters', 'WebhookDeliveryId')],
    post: {
      operationId: 'replayWebhookDelivery',
      summary: 'Send a failed delivery again, with the whole retry schedule ahead',
      description: 'Replaying a delivery that is already pending again changes nothing; one that succeeded is refused.',
      security,
      parameters: [ref('parameters', 'IdempotencyKey')],
      responses: {
        '202': { description: 'Pending again', content: json(ref('schemas', 'WebhookDelivery')) },
        '404': ref('responses', 'NotFound'),
        '409': ref('responses', 'WebhookConflict'),
        ...COMMON_RESPONSES,
      },
    },
  },
};

export const WEBHOOK_PARAMETERS = {
  WebhookEndpointId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  WebhookDeliveryId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
};

export const WEBHOOK_RESPONSES = {
  WebhookConflict: {
    description:
      '`webhook_endpoint_limit_reached` (at most 10 endpoints), `webhook_delivery_not_failed` (only failed deliveries ' +
      'are replayed), `idempotency_key_reused`, `idempotency_request_in_progress`',
    content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
  },
};

const endpointProperties = {
  id: { type: 'string' },
  departmentId: { type: 'string' },
  url: { type: 'string', format: 'uri' },
  eventTypes: { type: 'array', items: { type: 'string', enum: [...DEPARTMENT_EVENT_TYPES] } },
  description: { type: 'string' },
  createdAt: { type: 'string', format: 'date-time' },
};

export const WEBHOOK_SCHEMAS = {
  WebhookEndpointRequest: {
    type: 'object',
    required: ['url', 'eventTypes'],
    properties: {
      url: { type: 'string', format: 'uri', description: 'https (plain http only on loopback)' },
      eventTypes: endpointProperties.eventTypes,
      description: { type: 'string', maxLength: 200 },
    },
  },
  WebhookEndpoint: { type: 'object', required: ['id', 'url', 'eventTypes'], properties: endpointProperties },
  NewWebhookEndpoint: {
    type: 'object',
    required: ['id', 'url', 'eventTypes', 'secret'],
    properties: { ...endpointProperties, secret: { type: 'string', pattern: '^whsec_' } },
  },
  WebhookEndpointList: {
    type: 'object',
    required: ['endpoints'],
    properties: { endpoints: { type: 'array', items: ref('schemas', 'WebhookEndpoint') } },
  },
  WebhookDelivery: {
    type: 'object',
    required: ['id', 'eventId', 'eventType', 'endpointId', 'status', 'attemptCount', 'attempts'],
    properties: {
      id: { type: 'string' },
      eventId: { type: 'string' },
      eventType: { type: 'string', enum: [...DEPARTMENT_EVENT_TYPES] },
      endpointId: { type: 'string' },
      noticeId: { type: 'string' },
      status: { type: 'string', enum: [...DELIVERY_STATUSES] },
      attemptCount: { type: 'integer', minimum: 0 },
      attempts: {
        type: 'array',
        description: 'The latest attempts (at most 20), oldest first',
        items: {
          type: 'object',
          properties: {
            at: { type: 'string', format: 'date-time' },
            httpStatus: { type: 'integer' },
            error: { type: 'string', maxLength: 200 },
            durationMs: { type: 'integer' },
          },
        },
      },
      nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
      replays: { type: 'integer', minimum: 0 },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  WebhookDeliveryPage: {
    type: 'object',
    required: ['deliveries', 'next_cursor'],
    properties: {
      deliveries: { type: 'array', items: ref('schemas', 'WebhookDelivery') },
      next_cursor: { type: ['string', 'null'] },
    },
  },
};
