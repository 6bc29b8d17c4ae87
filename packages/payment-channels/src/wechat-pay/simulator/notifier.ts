import { createDeliveryQueue, type Delivery } from '../../channel/notification-deliveries.ts';

/**
 * WeChat Pay's notifications as it sends them: a JSON POST to the `notify_url`, signed in the `Wechatpay-*` headers.
 * It counts as delivered when the answer is HTTP 200 or 204. Anything else, or no answer, is redelivered on the
 * schedule (WeChat Pay's own: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h), with the same body (same `id`,
 * same encrypted resource) and freshly signed headers, since the signature carries the sending time.
 */
export interface SimulatedNotification extends Delivery {
  readonly id: string;
  readonly eventType: string;
  readonly outRefundNo?: string;
  /** The decrypted resource, for tests. */
  readonly resource: Readonly<Record<string, unknown>>;
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
  const queue = createDeliveryQueue<SimulatedNotification>({
    retryDelaysMs: options.retryDelaysMs,
    headers: (notification) => ({
      'content-type': 'application/json',
      'user-agent': 'Mozilla/4.0 (simulator; WeChat Pay v3 notify)',
      ...options.sign(notification.body),
    }),
    acknowledges: (status) => status === 200 || status === 204,
  });
  return {
    sent: queue.sent,
    send: (input) => queue.enqueue({ ...input, attempts: 0, acknowledged: false }),
    redeliver: queue.redeliver,
    idle: queue.idle,
    close: queue.close,
  };
};
