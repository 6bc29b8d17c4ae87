import type { DeliveryAttemptMessage, WebhookQueue } from './delivery-queue.ts';
import { delayAfterFailedAttempt, queueDelaySeconds } from './retry-schedule.ts';
import { type DeliveryAttempt, truncateError, type WebhookDelivery } from './webhook-delivery.ts';
import type { WebhookEndpoint } from './webhook-endpoint.ts';
import { signatureHeaderValue } from './webhook-signature.ts';
import type { WebhookStore } from './webhook-store.ts';
import type { WebhookTransport } from './webhook-transport.ts';

export interface DeliveryLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface DeliveryDependencies {
  readonly store: WebhookStore;
  readonly queue: WebhookQueue;
  readonly transport: WebhookTransport;
  /** Seconds between attempts (`retry-schedule.ts`). */
  readonly schedule: readonly number[];
  readonly now: () => Date;
  readonly log: DeliveryLog;
}

export const WEBHOOK_HEADERS = {
  signature: 'platform-signature',
  eventId: 'platform-event-id',
  eventType: 'platform-event-type',
  deliveryId: 'platform-delivery-id',
} as const;

export type DeliveryOutcome = 'succeeded' | 'retry_scheduled' | 'failed' | 'superseded';

/**
 * One attempt: sign, POST, and record what happened. A 2xx is delivered; anything else (another status, no answer
 * within the timeout, a refused connection) schedules the next attempt or, after the last one, fails the delivery.
 *
 * The next attempt's message is sent BEFORE the attempt is recorded: should recording fail, the queue message that
 * brought us here is retried and the attempt is made again (at least once); should it be recorded by a duplicate
 * first, our message is stale and changes nothing. The other order could record a retry that no message carries.
 */
export const attemptDelivery = async (
  deps: DeliveryDependencies,
  delivery: WebhookDelivery,
  endpoint: WebhookEndpoint,
): Promise<DeliveryOutcome> => {
  const started = deps.now();
  const timestamp = Math.floor(started.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'platform-webhooks/1',
    [WEBHOOK_HEADERS.signature]: signatureHeaderValue(endpoint.secrets, timestamp, delivery.payload),
    [WEBHOOK_HEADERS.eventId]: delivery.eventId,
    [WEBHOOK_HEADERS.eventType]: delivery.eventType,
    [WEBHOOK_HEADERS.deliveryId]: delivery.deliveryId,
  };
  const result = await deps.transport(endpoint.url, headers, delivery.payload);
  const finished = deps.now();
  const attempt: DeliveryAttempt = {
    at: started.toISOString(),
    ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
    ...(result.error === undefined ? {} : { error: truncateError(result.error) }),
    durationMs: finished.getTime() - started.getTime(),
  };
  const made = delivery.attemptCount + 1;
  const fields = { deliveryId: delivery.deliveryId, eventId: delivery.eventId, attempt: made, ...result };

  if (result.error === undefined) {
    const recorded = await deps.store.recordAttempt(delivery, {
      attempt,
      status: 'succeeded',
    });
    deps.log.info('webhook delivered', fields);
    return recorded ? 'succeeded' : 'superseded';
  }

  const next: DeliveryAttemptMessage = { kind: 'delivery-attempt', deliveryId: delivery.deliveryId, attempt: made };
  const delay = delayAfterFailedAttempt(deps.schedule, made - delivery.runStartAttempt);
  if (delay === undefined) {
    await deps.queue.sendToDeadLetter(next);
    const recorded = await deps.store.recordAttempt(delivery, {
      attempt,
      status: 'failed',
    });
    deps.log.warn('webhook delivery failed after its last attempt', fields);
    return recorded ? 'failed' : 'superseded';
  }
  const dueAt = new Date(finished.getTime() + delay * 1000);
  await deps.queue.send(next, queueDelaySeconds(dueAt, finished));
  const recorded = await deps.store.recordAttempt(delivery, {
    attempt,
    status: 'pending',
    nextAttemptAt: dueAt.toISOString(),
  });
  deps.log.warn('webhook not accepted; retry scheduled', { ...fields, nextAttemptAt: dueAt.toISOString() });
  return recorded ? 'retry_scheduled' : 'superseded';
};
