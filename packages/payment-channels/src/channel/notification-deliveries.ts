/**
 * How a channel simulator delivers its notifications: POST the body to the notify URL, retry on the channel's own
 * schedule until the answer counts as an acknowledgement, and let tests redeliver, wait for quiet or stop. The
 * channels differ only in their headers and in what they accept as an acknowledgement.
 */
export interface Delivery {
  readonly outTradeNo: string;
  readonly url: string;
  /** The exact body sent. */
  readonly body: string;
  attempts: number;
  acknowledged: boolean;
  lastStatus?: number;
  lastAnswer?: string;
}

export interface DeliveryQueue<T extends Delivery> {
  readonly sent: readonly T[];
  /** Sends now, and again on the schedule until acknowledged. */
  enqueue(delivery: T): void;
  /** Sends every delivery of the trade again, once, as a retry would. */
  redeliver(outTradeNo: string): Promise<void>;
  idle(): Promise<void>;
  close(): void;
}

export interface DeliveryQueueOptions<T extends Delivery> {
  /** Waits after attempt n (1-based); no entry, no more attempts. */
  readonly retryDelaysMs: readonly number[];
  /** Headers of one attempt (signatures that carry the sending time are made afresh each time). */
  readonly headers: (delivery: T) => Readonly<Record<string, string>>;
  readonly acknowledges: (status: number, answer: string) => boolean;
}

export const createDeliveryQueue = <T extends Delivery>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> => {
  const sent: T[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();

  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  const attempt = async (delivery: T, scheduleRetry: boolean): Promise<void> => {
    delivery.attempts += 1;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: options.headers(delivery),
        body: delivery.body,
        signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(15_000)]),
      });
      delivery.lastStatus = response.status;
      delivery.lastAnswer = await response.text();
      delivery.acknowledged = options.acknowledges(response.status, delivery.lastAnswer);
    } catch {
      delivery.acknowledged = false;
    }
    const delay = options.retryDelaysMs[delivery.attempts - 1];
    if (scheduleRetry && !delivery.acknowledged && delay !== undefined && !aborter.signal.aborted) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(attempt(delivery, true));
      }, delay);
      timer.unref();
      timers.add(timer);
    }
  };

  return {
    sent,
    enqueue: (delivery) => {
      sent.push(delivery);
      track(attempt(delivery, true));
    },
    redeliver: async (outTradeNo) => {
      const own = sent.filter((delivery) => delivery.outTradeNo === outTradeNo);
      for (const delivery of own) await track(attempt(delivery, false));
    },
    idle: async () => {
      while (timers.size > 0 || inFlight.size > 0) {
        await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      aborter.abort();
    },
  };
};
