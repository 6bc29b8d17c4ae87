import type { WebhookQueue } from './delivery-queue.ts';
import type { WebhookDelivery } from './webhook-delivery.ts';
import type { WebhookStore } from './webhook-store.ts';

/**
 * A department asks for a failed delivery again: it becomes `pending` with the whole retry schedule ahead and its
 * attempt is enqueued. Replaying a delivery that is already pending again changes nothing and sends nothing, so a
 * double click or a retried request does not deliver twice; a delivery that succeeded is refused.
 */
export const replayDelivery = async (
  deps: { readonly store: WebhookStore; readonly queue: WebhookQueue; readonly now: () => Date },
  departmentId: string,
  deliveryId: string,
): Promise<WebhookDelivery> => {
  const result = await deps.store.reopenForReplay(deliveryId, departmentId, deps.now());
  if (result.outcome === 'already_pending') return result.delivery;
  try {
    await deps.queue.send({ kind: 'delivery-attempt', deliveryId, attempt: result.delivery.attemptCount });
  } catch (error) {
    // Not enqueued: give it back to `failed`, so that it is listed and can be replayed again.
    await deps.store.revertReplay(result.delivery).catch(() => undefined);
    throw error;
  }
  return result.delivery;
};
