import { REFUND_STATES } from '@platform/refunds';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';

/** The refunds part of the OpenAPI document (spread into `openapi-document.ts`): paths, their parameter, schemas. */
const ref = (kind: 'schemas' | 'responses' | 'parameters' | 'headers', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});
const json = (schema: unknown) => ({ 'application/json': { schema } });
const security = (scope: string) => [{ departmentToken: [scope] }];

const COMMON_RESPONSES = {
  '401': ref('responses', 'Unauthorized'),
  '403': ref('responses', 'Forbidden'),
  '503': ref('responses', 'ServiceUnavailable'),
};

export const REFUND_PATHS = {
  '/v1/notices/{id}/refunds': {
    parameters: [ref('parameters', 'NoticeId')],
    post: {
      operationId: 'requestRefund',
      summary: 'Ask for (part of) a paid notice’s money back',
      description:
        'The amount is committed against the notice at once, so concurrent requests can never together exceed what ' +
        'was paid (`refund_exceeds_paid`, 409). The refund then waits for two different finance officers to approve ' +
        'it (or one to reject it); after the second approval the money goes back through the channel that took it. ' +
        'Follow it with `GET /v1/refunds/{refundId}` or the `refund.succeeded` / `refund.failed` webhooks. ' +
        'Idempotent on `refundId` as well as on `Idempotency-Key`.',
      security: security(PAYMENTS_SCOPES.writeRefunds),
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: { required: true, content: json(ref('schemas', 'RefundRequest')) },
      responses: {
        '201': {
          description: 'Requested (or, replayed, the first answer to this key)',
          headers: {
            Location: { description: 'URL of the refund', schema: { type: 'string', format: 'uri' } },
            'Idempotent-Replayed': ref('headers', 'IdempotentReplayed'),
          },
          content: json(ref('schemas', 'Refund')),
        },
        '400': ref('responses', 'BadRequest'),
        '404': ref('responses', 'NotFound'),
        '409': ref('responses', 'RefundConflict'),
        '415': ref('responses', 'UnsupportedMediaType'),
        '422': ref('responses', 'UnprocessableContent'),
        ...COMMON_RESPONSES,
      },
    },
    get: {
      operationId: 'listNoticeRefunds',
      summary: 'The refunds of one of the department’s notices, oldest first',
      security: security(PAYMENTS_SCOPES.readNotices),
      responses: {
        '200': { description: 'The refunds', content: json(ref('schemas', 'RefundList')) },
        '404': ref('responses', 'NotFound'),
        ...COMMON_RESPONSES,
      },
    },
  },
  '/v1/refunds/{refundId}': {
    parameters: [ref('parameters', 'RefundId')],
    get: {
      operationId: 'getRefund',
      summary: 'One of the department’s refunds',
      security: security(PAYMENTS_SCOPES.readNotices),
      responses: {
        '200': { description: 'The refund', content: json(ref('schemas', 'Refund')) },
        '404': ref('responses', 'NotFound'),
        ...COMMON_RESPONSES,
      },
    },
  },
};

export const REFUND_PARAMETERS = {
  RefundId: { name: 'refundId', in: 'path', required: true, schema: { type: 'string' } },
};

export const REFUND_RESPONSES = {
  RefundConflict: {
    description:
      '`refund_exceeds_paid` (more than what remains refundable), `notice_state_conflict` (the notice is not paid), ' +
      '`refund_id_in_use` (the refund id names another refund), `idempotency_key_reused`, ' +
      '`idempotency_request_in_progress`',
    content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
  },
};

export const REFUND_SCHEMAS = {
  RefundRequest: {
    type: 'object',
    required: ['amountFen', 'reason'],
    properties: {
      refundId: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$',
        description: 'Your refund number (the channel sees it); drawn for you when absent.',
      },
      amountFen: ref('schemas', 'AmountFen'),
      reason: { type: 'string', minLength: 1, maxLength: 80, description: 'Shown to the payer by some channels.' },
    },
  },
  Refund: {
    type: 'object',
    required: ['id', 'noticeId', 'status', 'amountFen', 'reason', 'requestedAt', 'approvals'],
    properties: {
      id: { type: 'string' },
      noticeId: { type: 'string' },
      status: { type: 'string', enum: [...REFUND_STATES] },
      amountFen: ref('schemas', 'AmountFen'),
      reason: { type: 'string' },
      channel: { type: 'string' },
      requestedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      approvals: {
        type: 'array',
        items: {
          type: 'object',
          properties: { approvedBy: { type: 'string' }, approvedAt: { type: 'string', format: 'date-time' } },
        },
      },
      rejection: {
        type: 'object',
        properties: {
          rejectedBy: { type: 'string' },
          reason: { type: 'string' },
          rejectedAt: { type: 'string', format: 'date-time' },
        },
      },
      refundedAt: { type: 'string', format: 'date-time' },
      channelRefundId: { type: 'string' },
      failure: {
        type: 'object',
        properties: { reason: { type: 'string' }, failedAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
  RefundList: {
    type: 'object',
    required: ['refunds'],
    properties: { refunds: { type: 'array', items: ref('schemas', 'Refund') } },
  },
};
