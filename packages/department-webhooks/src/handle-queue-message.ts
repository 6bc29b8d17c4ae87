import { attemptDelivery, type DeliveryDependencies } from './deliver-webhook.ts';
import type { DeliveryAttemptMessage, WebhookQueueMessage } from './delivery-queue.ts';
import type { DepartmentEvent } from './department-event.ts';
import { queueDelaySeconds } from './retry-schedule.ts';
import { newDelivery } from './webhook-delivery.ts';

/** Rethrows the first failure once every branch has run, so one bad endpoint does not starve the others. */
const settleAll = async (work: Promise<unknown>[]): Promise<void> => {
  const results = await Promise.allSettled(work);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
};

/**
 * A published event: one delivery per endpoint of the department subscribed to its type, each attempted at once.
 * Delivery ids are derived from event and endpoint, so a redelivered message finds its deliveries and leaves those
 * already under way alone.
 */
export const fanOutEvent = async (deps: DeliveryDependencies, event: DepartmentEvent): Promise<void> => {
  const endpoints = (await deps.store.listEndpoints(event.departmentId)).filter((endpoint) =>
    endpoint.eventTypes.includes(event.type),
  );
  await settleAll(
    endpoints.map(async (endpoint) => {
      const delivery = await deps.store.createDelivery(newDelivery(event, endpoint.endpointId, deps.now()));
      if (delivery.status !== 'pending' || delivery.attemptCount !== 0) return;
      await attemptDelivery(deps, delivery, endpoint);
    }),
  );
};

/** Seconds of slack before a due time counts as reached: the queue's delays are whole seconds. */
const DUE_SLACK_SECONDS = 1;

/** A scheduled (or replayed) attempt; stale and duplicate messages, and ones that arrive early, are handled here. */
export const retryDelivery = async (deps: DeliveryDependencies, message: DeliveryAttemptMessage): Promise<void> => {
  const delivery = await deps.store.getDelivery(message.deliveryId);
  if (delivery?.status !== 'pending' || delivery.attemptCount !== message.attempt) return;
  const now = deps.now();
  const wait = delivery.nextAttemptAt ? queueDelaySeconds(new Date(delivery.nextAttemptAt), now) : 0;
  if (wait > DUE_SLACK_SECONDS) {
    // Longer than one queue delay allows: hop again towards the due time.
    await deps.queue.send(message, wait);
    return;
  }
  const endpoint = (await deps.store.listEndpoints(delivery.departmentId)).find(
    (candidate) => candidate.endpointId === delivery.endpointId,
  );
  if (!endpoint) {
    await deps.store.recordAttempt(delivery, {
      attempt: { at: now.toISOString(), error: 'endpoint deleted', durationMs: 0 },
      status: 'failed',
    });
    deps.log.warn('webhook delivery failed: its endpoint was deleted', { deliveryId: delivery.deliveryId });
    return;
  }
  await attemptDelivery(deps, delivery, endpoint);
};

export const handleQueueMessage = (deps: DeliveryDependencies, message: WebhookQueueMessage): Promise<void> =>
  message.kind === 'department-event' ? fanOutEvent(deps, message.event) : retryDelivery(deps, message);
