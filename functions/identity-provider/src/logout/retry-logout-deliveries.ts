import type { Logger } from '@platform/logging';
import type Provider from 'oidc-provider';
import { type LogoutDeliveryStore, nextAttemptDelay } from './logout-delivery.ts';

export interface RetryOutcome {
  readonly delivered: number;
  readonly rescheduled: number;
  readonly gaveUp: number;
}

/**
 * One run of the scheduled retry: every due delivery is attempted once with a freshly signed logout token.
 * A portal that was deregistered meanwhile has nobody left to tell; its delivery is dropped.
 */
export const retryLogoutDeliveries = async (
  provider: Provider,
  store: LogoutDeliveryStore,
  logger: Logger,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<RetryOutcome> => {
  const outcome = { delivered: 0, rescheduled: 0, gaveUp: 0 };
  for (const delivery of await store.due(nowSeconds, 100)) {
    const client = await provider.Client.find(delivery.clientId);
    if (!client?.backchannelLogoutUri) {
      await store.delivered(delivery);
      continue;
    }
    try {
      // Present on every oidc-provider client (models/client.js), though its type declarations omit it.
      const deliver = (client as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> })
        .backchannelLogout;
      await deliver.call(client, delivery.accountId, delivery.sid);
      await store.delivered(delivery);
      outcome.delivered += 1;
    } catch (error) {
      const delay = nextAttemptDelay(delivery.attempts + 1);
      const message = error instanceof Error ? error.message : String(error);
      await store.failedAgain(delivery, message, delay === undefined ? undefined : nowSeconds + delay);
      if (delay === undefined) {
        outcome.gaveUp += 1;
        logger.error('back-channel logout given up', { clientId: delivery.clientId, attempts: delivery.attempts + 1 });
      } else {
        outcome.rescheduled += 1;
      }
    }
  }
  return outcome;
};
