import type { IncomingHttpHeaders } from 'node:http';
import { NotificationRejectedError } from '../channel/channel-errors.ts';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '../channel/loopback-server.ts';
import type { ChannelAcknowledgement, PaymentChannel } from '../channel/payment-channel.ts';

/**
 * The platform's notify endpoint, for tests: records every notification exactly as received. It answers with the
 * acknowledgement the channel's own `parseNotification` returns, so the channel's server sees what the real platform
 * would send back. `GET /return` stands in for the payer's return page.
 */
export interface ReceivedNotification {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  answeredWith?: ChannelAcknowledgement;
}

export interface NotificationInbox extends LoopbackServer {
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly received: readonly ReceivedNotification[];
  /** Answer notifications as this channel says (until then: HTTP 503). */
  answerWith(channel: PaymentChannel): void;
  /** Resolves with the notifications whose body mentions `text` once there are at least `count` of them. */
  waitFor(
    text: string,
    options?: { readonly count?: number; readonly timeoutMs?: number },
  ): Promise<ReceivedNotification[]>;
}

/** The body as text, form-decoded when it is a form, so that tests can search it for an order number. */
const readable = (body: Buffer): string => {
  const raw = body.toString('utf8');
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const startNotificationInbox = async (): Promise<NotificationInbox> => {
  const received: ReceivedNotification[] = [];
  let channel: PaymentChannel | undefined;

  const acknowledge = async (notification: ReceivedNotification): Promise<ChannelAcknowledgement> => {
    if (!channel) return { status: 503, headers: {}, body: 'no channel yet' };
    try {
      return (await channel.parseNotification({ headers: notification.headers, body: notification.body }))
        .acknowledgement;
    } catch (error) {
      if (error instanceof NotificationRejectedError) return error.acknowledgement;
      return { status: 500, headers: {}, body: String(error) };
    }
  };

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/return') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('returned');
      return;
    }
    const body = await readRequestBody(request);
    const notification: ReceivedNotification = { headers: request.headers, body, text: readable(body) };
    received.push(notification);
    const answer = await acknowledge(notification);
    notification.answeredWith = answer;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });

  return {
    ...server,
    notifyUrl: `${server.baseUrl}/notify`,
    returnUrl: `${server.baseUrl}/return`,
    received,
    answerWith: (next) => {
      channel = next;
    },
    waitFor: async (text, { count = 1, timeoutMs = 5000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter((notification) => notification.text.includes(text));
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(`Expected ${count} notification(s) mentioning ${text}, received ${matching.length}.`);
        }
        await sleep(20);
      }
    },
  };
};
