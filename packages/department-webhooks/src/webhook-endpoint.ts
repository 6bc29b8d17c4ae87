import { randomBytes } from 'node:crypto';
import { DEPARTMENT_EVENT_TYPES, type DepartmentEventType, isDepartmentEventType } from './department-event.ts';
import { WebhookError } from './webhook-errors.ts';

/** Where a department wants its events: an HTTPS URL, the event types it subscribes to, and its signing secret. */
export interface WebhookEndpoint {
  readonly endpointId: string;
  readonly departmentId: string;
  readonly url: string;
  readonly eventTypes: readonly DepartmentEventType[];
  /**
   * Live signing secrets, newest first. Shown once at creation and never again, never logged. More than one only
   * while a rotation is under way: each is used for its own `v1` signature.
   */
  readonly secrets: readonly string[];
  readonly description: string;
  readonly createdAt: string;
}

/** The endpoint as the API shows it after creation: without its secrets. */
export type PublicWebhookEndpoint = Omit<WebhookEndpoint, 'secrets'>;

export const MAXIMUM_ENDPOINTS_PER_DEPARTMENT = 10;
const MAXIMUM_URL_LENGTH = 2_048;
const MAXIMUM_DESCRIPTION_LENGTH = 200;

export const newEndpointId = (): string => `we_${randomBytes(12).toString('base64url')}`;
export const isEndpointId = (value: unknown): value is string =>
  typeof value === 'string' && /^we_[A-Za-z0-9_-]{16}$/.test(value);

/** 256 random bits, generated here and never chosen by the department, so it is never weak. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * HTTPS only — except loopback, which never leaves the machine (the local runtime and tests). No credentials in the
 * URL (they would be stored and shown), no fragment.
 */
export const checkWebhookUrl = (value: unknown): string => {
  const refuse = (detail: string) => new WebhookError('invalid_webhook_url', detail, 'url');
  if (typeof value !== 'string' || value.length > MAXIMUM_URL_LENGTH) throw refuse('url must be an absolute URL.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('url must be an absolute URL.');
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) throw refuse('url must use https.');
  if (url.username || url.password) throw refuse('url must not carry credentials.');
  if (url.hash) throw refuse('url must not have a fragment.');
  return url.href;
};

export const checkEventTypes = (value: unknown): DepartmentEventType[] => {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isDepartmentEventType)) {
    throw new WebhookError(
      'invalid_event_types',
      `eventTypes must be a non-empty list of: ${DEPARTMENT_EVENT_TYPES.join(', ')}.`,
      'eventTypes',
    );
  }
  return [...new Set(value)];
};

/** A new endpoint from a department's request body `{ url, eventTypes, description? }`. */
export const newWebhookEndpoint = (body: Record<string, unknown>, departmentId: string, now: Date): WebhookEndpoint => {
  const description = typeof body.description === 'string' ? body.description.slice(0, MAXIMUM_DESCRIPTION_LENGTH) : '';
  return {
    endpointId: newEndpointId(),
    departmentId,
    url: checkWebhookUrl(body.url),
    eventTypes: checkEventTypes(body.eventTypes),
    secrets: [newWebhookSecret()],
    description,
    createdAt: now.toISOString(),
  };
};

export const publicEndpoint = ({ secrets: _secrets, ...rest }: WebhookEndpoint): PublicWebhookEndpoint => rest;
