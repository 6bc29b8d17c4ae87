import type { IncomingHttpHeaders } from 'node:http';
import { createLogger } from '@platform/logging';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '@platform/payment-channels';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import type { ChannelRegistry, CheckoutStore } from '@platform/payment-orders';
import type { Context } from 'aws-lambda';
import type { CheckoutDependencies } from '../../functions/payments-checkout/src/checkout-dependencies.ts';
import { receiveNotification } from '../../functions/payments-checkout/src/routes/receive-notification.ts';

/** One notification as the platform received it, and what the cashier's route answered. */
export interface ReceivedNotification {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
  readonly answer: string;
}

/**
 * The cashier's own notification route (`receiveNotification`, unchanged) behind a loopback HTTP server, so that a
 * channel server can deliver to it and tests can replay what it received. Only the route's dependencies are real
 * here (notices, orders, channels); the rest of the cashier is not started.
 */
export interface NotifyEndpoint extends LoopbackServer {
  readonly notifyUrl: string;
  readonly received: readonly ReceivedNotification[];
  /** Sends one notification through the route directly (no HTTP), as a replay or a redelivery would arrive. */
  deliver(notification: { headers: Record<string, string>; body: string }): Promise<ReceivedNotification>;
}

const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );

export const startNotifyEndpoint = async (deps: {
  readonly notices: PaymentNoticeRepository;
  readonly store: CheckoutStore;
  readonly channels: ChannelRegistry;
  readonly now?: () => Date;
}): Promise<NotifyEndpoint> => {
  const route = receiveNotification({
    notices: deps.notices,
    store: deps.store,
    channels: deps.channels,
    now: deps.now ?? (() => new Date()),
    logger: createLogger({ write: () => {} }),
  } as unknown as CheckoutDependencies);
  const received: ReceivedNotification[] = [];

  const deliver = async ({ headers, body }: { headers: Record<string, string>; body: string }) => {
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/channels/{channel}/notifications',
      rawPath: '/v1/channels/sandbox/notifications',
      rawQueryString: '',
      headers,
      body,
      isBase64Encoded: false,
      pathParameters: { channel: 'sandbox' },
      requestContext: { http: { method: 'POST', path: '/v1/channels/sandbox/notifications', sourceIp: '127.0.0.1' } },
    } as unknown as Parameters<typeof route>[0];
    const result = await route(event, {} as Context);
    const answered = { headers, body, status: result.statusCode ?? 200, answer: String(result.body ?? '') };
    received.push(answered);
    return answered;
  };

  const server = await listenOnLoopback(async (request, response) => {
    const body = (await readRequestBody(request)).toString('utf8');
    const answered = await deliver({ headers: flatHeaders(request.headers), body });
    response.writeHead(answered.status, { 'content-type': 'application/json' });
    response.end(answered.answer);
  });
  return {
    ...server,
    notifyUrl: `${server.baseUrl}/v1/channels/sandbox/notifications`,
    received,
    deliver,
  };
};
