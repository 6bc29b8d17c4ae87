import { createDeliveryQueue, type Delivery } from '../../channel/notification-deliveries.ts';

/**
 * Alipay's asynchronous notifications, as it sends them: a form-encoded POST (UTF-8) to the trade's `notify_url`.
 * It counts as delivered only when the answer is exactly `success`. Anything else is redelivered on the schedule
 * (Alipay's own is 4m, 10m, 10m, 1h, 2h, 6h, 15h), with the same `notify_id` and parameters.
 */
export interface SimulatedNotification extends Delivery {
  readonly notifyId: string;
  /** The signed parameters as sent, `sign` included. */
  readonly params: Readonly<Record<string, string>>;
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
  const queue = createDeliveryQueue<SimulatedNotification>({
    retryDelaysMs: options.retryDelaysMs,
    headers: () => ({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
    acknowledges: (status, answer) => status === 200 && answer.trim() === 'success',
  });
  return {
    sent: queue.sent,
    send: (url, outTradeNo, params) =>
      queue.enqueue({
        notifyId: params.notify_id ?? '',
        outTradeNo,
        url,
        params,
        body: new URLSearchParams(params).toString(),
        attempts: 0,
        acknowledged: false,
      }),
    redeliver: queue.redeliver,
    idle: queue.idle,
    close: queue.close,
  };
};
