/**
 * Alipay's asynchronous notifications, as it sends them: a form-encoded POST (UTF-8) to the trade's `notify_url`.
 * It counts as delivered only when the answer is exactly `success`. Anything else is redelivered on the schedule
 * (Alipay's own is 4m, 10m, 10m, 1h, 2h, 6h, 15h), with the same `notify_id` and parameters.
 */
export interface SimulatedNotification {
  readonly notifyId: string;
  readonly outTradeNo: string;
  readonly url: string;
  /** The signed parameters as sent, `sign` included. */
  readonly params: Readonly<Record<string, string>>;
  /** The exact form-encoded body sent. */
  readonly body: string;
  attempts: number;
  acknowledged: boolean;
  lastStatus?: number;
  lastAnswer?: string;
}

export interface AsyncNotifier {
  readonly sent: readonly SimulatedNotification[];
  send(url: string, outTradeNo: string, params: Readonly<Record<string, string>>): void;
  /** Sends every notification of the trade again, as a retry would. */
  redeliver(outTradeNo: string): Promise<void>;
  idle(): Promise<void>;
  close(): void;
}

export const createAsyncNotifier = (options: { readonly retryDelaysMs: readonly number[] }): AsyncNotifier => {
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
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: notification.body,
        signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(15_000)]),
      });
      notification.lastStatus = response.status;
      notification.lastAnswer = await response.text();
      notification.acknowledged = response.status === 200 && notification.lastAnswer.trim() === 'success';
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
    send: (url, outTradeNo, params) => {
      const notification: SimulatedNotification = {
        notifyId: params.notify_id ?? '',
        outTradeNo,
        url,
        params,
        body: new URLSearchParams(params).toString(),
        attempts: 0,
        acknowledged: false,
      };
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
