import type { Clock } from '../channel/clock.ts';
import { isSandboxAcknowledgement, type SandboxNotificationBody } from './sandbox-notification.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from './sandbox-signature.ts';

/**
 * Sends the sandbox's notifications as a real channel does: a POST to the order's notify URL, retried on the
 * schedule until the exact acknowledgement comes back. Every send and its answer is kept in `deliveries`, for tests
 * and for the developer watching `npm start`.
 */
export interface SandboxDelivery {
  readonly eventId: string;
  readonly orderNumber: string;
  readonly url: string;
  readonly body: string;
  readonly forged: boolean;
  attempts: number;
  acknowledged: boolean;
  lastStatus?: number;
}

export interface SandboxNotifierOptions {
  readonly secret: string;
  readonly clock: Clock;
  /** Delays before each redelivery of an unacknowledged notification. */
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs?: number;
}

export interface DeliveryPlan {
  readonly delayMs?: number;
  /** 2 for the duplicate magic amount: the second copy leaves when the first is answered. */
  readonly copies?: number;
  /** Sign with a wrong secret, as a forger would. */
  readonly forged?: boolean;
}

export interface SandboxNotifier {
  readonly deliveries: readonly SandboxDelivery[];
  deliver(url: string, notification: SandboxNotificationBody, plan?: DeliveryPlan): void;
  /** Sends the order's notifications again, unchanged but for a fresh signature, as a retry would. */
  redeliver(orderNumber: string): Promise<void>;
  /** Resolves when nothing is scheduled or in flight. */
  idle(): Promise<void>;
  close(): void;
}

export const createSandboxNotifier = (options: SandboxNotifierOptions): SandboxNotifier => {
  const deliveries: SandboxDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();
  let closed = false;

  const later = (delayMs: number, task: () => Promise<void>): void => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      track(task());
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const attempt = async (delivery: SandboxDelivery, scheduleRetry: boolean): Promise<void> => {
    const { body } = delivery;
    delivery.attempts += 1;
    const secret = delivery.forged ? `forged-${options.secret}` : options.secret;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(secret, body, options.clock.now()),
        },
        body,
        signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
      });
      delivery.lastStatus = response.status;
      delivery.acknowledged = isSandboxAcknowledgement(response.status, await response.text());
    } catch {
      delivery.acknowledged = false;
    }
    const retryDelay = options.retryDelaysMs[delivery.attempts - 1];
    if (scheduleRetry && !delivery.acknowledged && retryDelay !== undefined) {
      later(retryDelay, () => attempt(delivery, true));
    }
  };

  const sendCopies = async (url: string, notification: SandboxNotificationBody, plan: DeliveryPlan): Promise<void> => {
    for (let copy = 0; copy < (plan.copies ?? 1) && !closed; copy += 1) {
      const delivery: SandboxDelivery = {
        eventId: notification.id,
        orderNumber: notification.data.orderNumber,
        url,
        body: JSON.stringify(notification),
        forged: plan.forged ?? false,
        attempts: 0,
        acknowledged: false,
      };
      deliveries.push(delivery);
      await attempt(delivery, true);
    }
  };

  return {
    deliveries,
    deliver: (url, notification, plan = {}) => later(plan.delayMs ?? 0, () => sendCopies(url, notification, plan)),
    redeliver: async (orderNumber) => {
      for (const delivery of deliveries.filter((candidate) => candidate.orderNumber === orderNumber)) {
        const work = attempt(delivery, false);
        track(work);
        await work;
      }
    },
    idle: async () => {
      while (timers.size > 0 || inFlight.size > 0) {
        await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
    },
    close: () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      aborter.abort();
    },
  };
};
