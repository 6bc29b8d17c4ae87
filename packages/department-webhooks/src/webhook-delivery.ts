import { createHash } from 'node:crypto';
import type { DepartmentEvent, DepartmentEventType } from './department-event.ts';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const isDeliveryStatus = (value: unknown): value is DeliveryStatus =>
  typeof value === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(value);

export interface DeliveryAttempt {
  readonly at: string;
  /** The endpoint's answer, if it answered. */
  readonly httpStatus?: number;
  /** Why it did not count as delivered (truncated); absent on success. */
  readonly error?: string;
  readonly durationMs: number;
}

/** One event on its way to one endpoint. */
export interface WebhookDelivery {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: DepartmentEventType;
  readonly endpointId: string;
  readonly departmentId: string;
  readonly noticeId: string;
  /** The exact body sent on every attempt: the same bytes, so the same event id and the same signature input. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  /** Attempts made so far, across replays; the key of the conditional writes that record the next one. */
  readonly attemptCount: number;
  /** `attemptCount` when the current run began (0, or where the last replay started the schedule again). */
  readonly runStartAttempt: number;
  /** The most recent attempts, oldest first (at most `KEPT_ATTEMPTS`). */
  readonly attempts: readonly DeliveryAttempt[];
  readonly nextAttemptAt?: string;
  readonly replays: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const KEPT_ATTEMPTS = 20;
export const MAXIMUM_ERROR_LENGTH = 200;

export const truncateError = (message: string): string =>
  message.length <= MAXIMUM_ERROR_LENGTH ? message : `${message.slice(0, MAXIMUM_ERROR_LENGTH - 1)}…`;

/**
 * Deterministic from the event and the endpoint: a redelivered queue message (or a republished event) finds the
 * delivery it already created instead of adding a second one.
 */
export const deliveryIdFor = (eventId: string, endpointId: string): string =>
  `wd_${createHash('sha256').update(`${eventId}\n${endpointId}`).digest('base64url').slice(0, 27)}`;

export const isDeliveryId = (value: unknown): value is string =>
  typeof value === 'string' && /^wd_[A-Za-z0-9_-]{27}$/.test(value);

/** The body departments receive: the event itself. */
export const webhookPayload = (event: DepartmentEvent): string =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    departmentId: event.departmentId,
    noticeId: event.noticeId,
    occurredAt: event.occurredAt,
    data: event.data,
  });

export const newDelivery = (event: DepartmentEvent, endpointId: string, now: Date): WebhookDelivery => ({
  deliveryId: deliveryIdFor(event.id, endpointId),
  eventId: event.id,
  eventType: event.type,
  endpointId,
  departmentId: event.departmentId,
  noticeId: event.noticeId,
  payload: webhookPayload(event),
  status: 'pending',
  attemptCount: 0,
  runStartAttempt: 0,
  attempts: [],
  nextAttemptAt: now.toISOString(),
  replays: 0,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** The delivery as the API shows it: no payload (the department has the event), nothing secret. */
export const deliveryRepresentation = (delivery: WebhookDelivery) => ({
  id: delivery.deliveryId,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  endpointId: delivery.endpointId,
  noticeId: delivery.noticeId,
  status: delivery.status,
  attemptCount: delivery.attemptCount,
  attempts: delivery.attempts,
  nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt ?? null) : null,
  replays: delivery.replays,
  createdAt: delivery.createdAt,
  updatedAt: delivery.updatedAt,
});
