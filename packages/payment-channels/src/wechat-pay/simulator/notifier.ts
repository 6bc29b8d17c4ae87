/**
 * WeChat Pay's notifications as it sends them: a JSON POST to the `notify_url`, signed in the `Wechatpay-*` headers.
 * It counts as delivered when the answer is HTTP 200 or 204. Anything else, or no answer, is redelivered on the
 * schedule (WeChat Pay's own: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h), with the same body (same `id`,
 * same encrypted resource) and freshly signed headers, since the signature carries the sending time.
 */
export interface SimulatedNotification {
  readonly id: string;
  readonly eventType: string;
  readonly outTradeNo: string;
  readonly outRefundNo?: string;
  readonly url: string;
  /** The exact body sent. */
  readonly body: string;
  /** The decrypted resource, for tests. */
  readonly resource: Readonly<Record<string, unknown>>;
  attempts: number;
  acknowledged: boolean;
  lastStatus?: number;
  lastAnswer?: string;
}

export interface Notifier {
  readonly sent: readonly SimulatedNotification[];
  send(notification: Omit<SimulatedNotification, 'attempts' | 'acknowledged'>): void;
  /** Sends every notification of the order again, as a retry would. */
  redeliver(outTradeNo: string): Promise<void>;
  idle(): Promise<void>;
  close(): void;
}

export const createNotifier = (options: {
  readonly retryDelaysMs: readonly number[];
  /** The signature headers for one delivery of `body`. */
  readonly sign: (body: string) => Readonly<Record<string, string>>;
}): Notifier => {
  const sent: SimulatedNotification[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();

  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  const attempt = async (notification: SimulatedNotification, scheduleRetry: boolean): Promise<void> => {
    notification.attempts += 1;
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mozilla/4.0 (simulator; WeChat Pay v3 notify)',
          ...options.sign(notification.body),
        },
        body: notification.body,
        signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(15_000)]),
      });
      notification.lastStatus = response.status;
      notification.lastAnswer = await response.text();
      notification.acknowledged = response.status === 200 || response.status === 204;
    } catch {
      notification.acknowledged = false;
    }
    const delay = options.retryDelaysMs[notification.attempts - 1];
    if (scheduleRetry && !notification.acknowledged && delay !== undefined && !aborter.signal.aborted) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(attempt(notification, true));
      }, delay);
      timer.unref();
      timers.add(timer);
    }
  };

  return {
    sent,
    send: (input) => {
      const notification: SimulatedNotification = { ...input, attempts: 0, acknowledged: false };
      sent.push(notification);
      track(attempt(notification, true));
    },
    redeliver: async (outTradeNo) => {
      const own = sent.filter((notification) => notification.outTradeNo === outTradeNo);
      for (const notification of own) await track(attempt(notification, false));
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
