import { MAXIMUM_AMOUNT_FEN, MAXIMUM_PAGE_SIZE, NOTICE_STATUSES } from '@platform/payment-notices';
import { PAYMENTS_SCOPES, SCOPE_DESCRIPTIONS } from '../auth/scopes.ts';
import { REFUND_PARAMETERS, REFUND_PATHS, REFUND_RESPONSES, REFUND_SCHEMAS } from './refund-paths.ts';
import { WEBHOOK_PARAMETERS, WEBHOOK_PATHS, WEBHOOK_RESPONSES, WEBHOOK_SCHEMAS } from './webhook-paths.ts';

export interface OpenApiUrls {
  readonly paymentsUrl: string;
  readonly identityUrl: string;
}

const ref = (kind: 'schemas' | 'responses' | 'parameters' | 'headers', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

const problem = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers,
  content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
});

const json = (schema: unknown) => ({ 'application/json': { schema } });

const security = (scope: string) => [{ departmentToken: [scope] }];

/** Every operation may answer these; each lists its own 4xx on top. */
const COMMON_RESPONSES = {
  '401': ref('responses', 'Unauthorized'),
  '403': ref('responses', 'Forbidden'),
  '503': ref('responses', 'ServiceUnavailable'),
};

const POST_RESPONSES = {
  '400': ref('responses', 'BadRequest'),
  '409': ref('responses', 'Conflict'),
  '415': ref('responses', 'UnsupportedMediaType'),
  '422': ref('responses', 'UnprocessableContent'),
};

const NOTICE_RESPONSE_HEADERS = { 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') };

const payerRequest = {
  oneOf: [
    {
      type: 'object',
      title: 'Natural person',
      required: ['kind', 'idNumber', 'name'],
      additionalProperties: false,
      properties: {
        kind: { const: 'natural-person' },
        idNumber: {
          type: 'string',
          description: '18-character citizen ID number (GB 11643, check character verified).',
          examples: ['11010519491231002X'],
        },
        name: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    {
      type: 'object',
      title: 'Legal person',
      required: ['kind', 'uscc', 'name'],
      additionalProperties: false,
      properties: {
        kind: { const: 'legal-person' },
        uscc: {
          type: 'string',
          description: '18-character Unified Social Credit Code (GB 32100, check character verified).',
          examples: ['91350100M000100Y43'],
        },
        name: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
  ],
  discriminator: { propertyName: 'kind' },
};

const notice = {
  type: 'object',
  required: [
    'id',
    'paymentCode',
    'status',
    'departmentId',
    'itemCode',
    'itemNameZh',
    'regionCode',
    'payer',
    'amountFen',
    'paidFen',
    'refundedFen',
    'dueDate',
    'dueAt',
    'description',
    'metadata',
    'issuedAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
    paymentCode: {
      type: 'string',
      description: 'The 20-digit payment code payers type or scan, in groups of four as printed.',
      pattern: '^[0-9]{4}( [0-9]{4}){4}$',
      examples: ['1100 0012 3456 7890 1234'],
    },
    status: { type: 'string', enum: [...NOTICE_STATUSES] },
    departmentId: { type: 'string', description: 'The issuing department: the client id of its access token.' },
    itemCode: { type: 'string' },
    itemNameZh: { type: 'string' },
    regionCode: { type: 'string', pattern: '^[0-9]{6}$' },
    payer: {
      type: 'object',
      description: 'Only masked: the identifier and name are kept encrypted and never returned.',
      required: ['kind', 'maskedIdentifier', 'maskedName'],
      properties: {
        kind: { type: 'string', enum: ['natural-person', 'legal-person'] },
        maskedIdentifier: { type: 'string', examples: ['110***********002X'] },
        maskedName: { type: 'string', examples: ['张*'] },
      },
    },
    amountFen: ref('schemas', 'AmountFen'),
    paidFen: { type: 'integer', minimum: 0 },
    refundedFen: { type: 'integer', minimum: 0 },
    dueDate: { type: 'string', format: 'date', description: 'Last day to pay, China time.' },
    dueAt: { type: 'string', format: 'date-time', description: 'Paying is possible strictly before this instant.' },
    description: { type: 'string' },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    issuedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    payment: {
      type: 'object',
      required: ['paymentId', 'channel', 'channelTransactionId', 'paidAt'],
      properties: {
        paymentId: { type: 'string' },
        channel: { type: 'string' },
        channelTransactionId: { type: 'string' },
        paidAt: { type: 'string', format: 'date-time' },
      },
    },
    cancellation: {
      type: 'object',
      required: ['reason', 'cancelledAt'],
      properties: { reason: { type: 'string' }, cancelledAt: { type: 'string', format: 'date-time' } },
    },
    expiredAt: { type: 'string', format: 'date-time' },
  },
};

/**
 * The OpenAPI 3.1 description of the payments API, served at `GET /v1/openapi.json`. A unit test holds it to the
 * router: every route it describes is served, and every route served is described.
 */
export const openApiDocument = ({ paymentsUrl, identityUrl }: OpenApiUrls) => ({
  openapi: '3.1.0',
  info: {
    title: 'Payments API for collecting departments',
    version: '1.0.0',
    description:
      'Issue, read, list and cancel payment notices (缴款通知书). Amounts are integers in fen. Every POST needs an ' +
      '`Idempotency-Key`: a retry with the same key and the same request gets the first answer again (with ' +
      '`Idempotent-Replayed: true`), whatever it was; the same key with another request is refused. Lists are ' +
      'paged with an opaque `cursor` (`next_cursor`, null on the last page). Errors are RFC 9457 problem details ' +
      'with a stable `code`. Access tokens come from the identity provider (client credentials, ' +
      `\`resource=${paymentsUrl}\`); a DPoP-bound token is sent as \`Authorization: DPoP <token>\` with a DPoP proof.`,
  },
  servers: [{ url: paymentsUrl }],
  security: [],
  paths: {
    '/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'The OpenAPI document', content: json({ type: 'object' }) } },
      },
    },
    '/v1/notices': {
      post: {
        operationId: 'issueNotice',
        summary: 'Issue a payment notice',
        security: security(PAYMENTS_SCOPES.writeNotices),
        parameters: [ref('parameters', 'IdempotencyKey')],
        requestBody: { required: true, content: json(ref('schemas', 'NoticeRequest')) },
        responses: {
          '201': {
            description: 'Issued (or, replayed, the first answer to this key)',
            headers: { Location: ref('headers', 'Location'), ...NOTICE_RESPONSE_HEADERS },
            content: json(ref('schemas', 'Notice')),
          },
          ...POST_RESPONSES,
          ...COMMON_RESPONSES,
        },
      },
      get: {
        operationId: 'listNotices',
        summary: "The department's notices, newest first",
        security: security(PAYMENTS_SCOPES.readNotices),
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: [...NOTICE_STATUSES] },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: MAXIMUM_PAGE_SIZE, default: 20 },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: '`next_cursor` of the previous page of the same listing.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': { description: 'A page of notices', content: json(ref('schemas', 'NoticeList')) },
          '400': ref('responses', 'BadRequest'),
          ...COMMON_RESPONSES,
        },
      },
    },
    '/v1/notices/{id}': {
      parameters: [ref('parameters', 'NoticeId')],
      get: {
        operationId: 'getNotice',
        summary: 'One of the department’s notices',
        security: security(PAYMENTS_SCOPES.readNotices),
        responses: {
          '200': { description: 'The notice', content: json(ref('schemas', 'Notice')) },
          '404': ref('responses', 'NotFound'),
          ...COMMON_RESPONSES,
        },
      },
    },
    '/v1/notices/{id}/cancel': {
      parameters: [ref('parameters', 'NoticeId')],
      post: {
        operationId: 'cancelNotice',
        summary: 'Cancel an issued, unpaid notice',
        security: security(PAYMENTS_SCOPES.writeNotices),
        parameters: [ref('parameters', 'IdempotencyKey')],
        requestBody: { required: true, content: json(ref('schemas', 'CancelRequest')) },
        responses: {
          '200': {
            description: 'Cancelled (or, replayed, the first answer to this key)',
            headers: NOTICE_RESPONSE_HEADERS,
            content: json(ref('schemas', 'Notice')),
          },
          '404': ref('responses', 'NotFound'),
          ...POST_RESPONSES,
          ...COMMON_RESPONSES,
        },
      },
    },
    ...REFUND_PATHS,
    ...WEBHOOK_PATHS,
  },
  components: {
    securitySchemes: {
      departmentToken: {
        type: 'oauth2',
        description:
          'JWT access tokens (ES256) of the identity provider for the audience of this API, obtained with client ' +
          `credentials and \`resource=${paymentsUrl}\`. The department is the token's client id.`,
        flows: { clientCredentials: { tokenUrl: `${identityUrl}/token`, scopes: SCOPE_DESCRIPTIONS } },
      },
    },
    parameters: {
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          'A unique value per operation (a UUID will do), kept 24 hours per department. Missing: ' +
          '`idempotency_key_required`; reused with another request: `idempotency_key_reused`; while the first is ' +
          'still running: `idempotency_request_in_progress` with `Retry-After`.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      },
      NoticeId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      ...REFUND_PARAMETERS,
      ...WEBHOOK_PARAMETERS,
    },
    headers: {
      Location: { description: 'URL of the new notice', schema: { type: 'string', format: 'uri' } },
      IdempotentReplayed: {
        description: 'Present (`true`) when this is the recorded answer to an earlier request with the same key',
        schema: { type: 'string', const: 'true' },
      },
      RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
      WWWAuthenticate: {
        description: 'The challenge (RFC 6750, RFC 9449): `error="invalid_token"`, `"insufficient_scope"`, …',
        schema: { type: 'string' },
      },
    },
    responses: {
      BadRequest: problem(
        'Malformed request: `invalid_json`, `idempotency_key_required`, `invalid_idempotency_key`, ' +
          '`invalid_limit`, `invalid_status`, `invalid_cursor`',
      ),
      Unauthorized: problem('No valid access token: `invalid_token`, `invalid_dpop_proof`', {
        'WWW-Authenticate': ref('headers', 'WWWAuthenticate'),
      }),
      Forbidden: problem('The token lacks the scope: `insufficient_scope`', {
        'WWW-Authenticate': ref('headers', 'WWWAuthenticate'),
      }),
      NotFound: problem("`not_found`: no such notice, or another department's"),
      Conflict: problem(
        '`idempotency_key_reused`, `idempotency_request_in_progress` (with `Retry-After`), ' +
          '`idempotency_lease_lost`, `notice_state_conflict`',
        { 'Retry-After': ref('headers', 'RetryAfter') },
      ),
      UnsupportedMediaType: problem('`unsupported_media_type`: the body must be application/json'),
      UnprocessableContent: problem(
        'A field is not acceptable; `field` names it: `amount_not_integer`, `amount_not_positive`, ' +
          '`amount_too_large`, `amount_outside_item_range`, `unknown_item_code`, `item_not_for_department`, ' +
          '`invalid_payer`, `invalid_payer_name`, `citizen_id_*`, `uscc_*`, `invalid_due_date`, ' +
          '`due_date_in_past`, `invalid_description`, `invalid_metadata`, `invalid_cancel_reason`, ' +
          '`invalid_refund_id`, `invalid_refund_reason`, `invalid_webhook_url`, `invalid_event_types`',
      ),
      ...REFUND_RESPONSES,
      ...WEBHOOK_RESPONSES,
      ServiceUnavailable: problem(
        'Retry after `Retry-After`: `storage_unavailable`, `notice_contended`, `token_keys_unavailable`, ' +
          '`queue_unavailable`',
        { 'Retry-After': ref('headers', 'RetryAfter') },
      ),
    },
    schemas: {
      AmountFen: {
        type: 'integer',
        minimum: 1,
        maximum: MAXIMUM_AMOUNT_FEN,
        description: 'Integer fen (1 yuan = 100 fen). Strings and fractions are refused, never converted.',
      },
      NoticeRequest: {
        type: 'object',
        required: ['itemCode', 'payer', 'amountFen', 'dueDate', 'description'],
        properties: {
          itemCode: { type: 'string', description: 'Non-tax revenue item the department collects.' },
          payer: payerRequest,
          amountFen: ref('schemas', 'AmountFen'),
          dueDate: { type: 'string', format: 'date', description: 'Last day to pay (China time), not before today.' },
          description: { type: 'string', minLength: 1, maxLength: 500 },
          metadata: {
            type: 'object',
            description: "The department's own references, returned as given.",
            maxProperties: 20,
            propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,40}$' },
            additionalProperties: { type: 'string', maxLength: 500 },
          },
        },
      },
      CancelRequest: {
        type: 'object',
        required: ['reason'],
        properties: { reason: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      Notice: notice,
      NoticeList: {
        type: 'object',
        required: ['notices', 'next_cursor'],
        properties: {
          notices: { type: 'array', items: ref('schemas', 'Notice') },
          next_cursor: {
            type: ['string', 'null'],
            description: 'Pass as `cursor` for the next page; null at the end.',
          },
        },
      },
      ...REFUND_SCHEMAS,
      ...WEBHOOK_SCHEMAS,
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details; branch on `code`, never on `detail`.',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string', description: 'Stable, snake_case (docs/errors.md).' },
          detail: { type: 'string' },
          field: { type: 'string', description: 'The offending input (`amountFen`, `payer.idNumber`, `limit`).' },
          instance: { type: 'string' },
          requestId: { type: 'string' },
        },
      },
    },
  },
});
