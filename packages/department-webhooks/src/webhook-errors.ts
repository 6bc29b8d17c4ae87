/**
 * Refusals of the webhooks domain, with the stable codes of docs/errors.md. The payments API maps them to problems;
 * nothing here knows HTTP beyond the status it suggests.
 */
export type WebhookErrorCode =
  | 'invalid_webhook_url'
  | 'invalid_event_types'
  | 'webhook_endpoint_limit_reached'
  | 'webhook_endpoint_not_found'
  | 'webhook_delivery_not_found'
  | 'webhook_delivery_not_failed'
  | 'invalid_cursor'
  | 'invalid_status';

const STATUS: Readonly<Record<WebhookErrorCode, number>> = {
  invalid_webhook_url: 422,
  invalid_event_types: 422,
  webhook_endpoint_limit_reached: 409,
  webhook_endpoint_not_found: 404,
  webhook_delivery_not_found: 404,
  webhook_delivery_not_failed: 409,
  invalid_cursor: 400,
  invalid_status: 400,
};

export class WebhookError extends Error {
  readonly code: WebhookErrorCode;
  readonly status: number;
  readonly field?: string;

  constructor(code: WebhookErrorCode, detail: string, field?: string) {
    super(detail);
    this.name = 'WebhookError';
    this.code = code;
    this.status = STATUS[code];
    if (field !== undefined) this.field = field;
  }
}
