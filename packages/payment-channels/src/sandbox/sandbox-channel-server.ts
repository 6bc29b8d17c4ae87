import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { businessDayBounds } from '../channel/business-date.ts';
import { type Clock, systemClock } from '../channel/clock.ts';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '../channel/loopback-server.ts';
import { sandboxBehaviourOf } from './sandbox-magic.ts';
import type { SandboxNotificationBody } from './sandbox-notification.ts';
import { createSandboxNotifier, type DeliveryPlan, type SandboxDelivery } from './sandbox-notifier.ts';
import {
  closeOrder,
  type NewSandboxOrder,
  newSandboxOrder,
  type PayOutcome,
  payOrder,
  refundedFen,
  refundOrder,
  repeatCreate,
  type SandboxOrder,
  type SandboxRefund,
  SandboxRefusal,
  withExpiry,
} from './sandbox-order.ts';
import { SANDBOX_SIGNATURE_HEADER, sandboxRequestPayload, verifySandboxSignature } from './sandbox-signature.ts';
import {
  formatSandboxStatementLine,
  SANDBOX_STATEMENT_FORMAT,
  SANDBOX_STATEMENT_HEADER,
  sandboxStatementLines,
} from './sandbox-statement.ts';
import { createInMemorySandboxStore, type SandboxStore } from './sandbox-store.ts';

/**
 * The sandbox channel itself: a small HTTP server on 127.0.0.1 that plays the payment company. The sandbox adapter
 * talks to it over HTTP, as the other adapters talk to their channels. So a deployed platform and `npm start` behave
 * alike, and the adapter's timeout and error paths are real.
 *
 * - `/sandbox/api/…`: the channel's JSON API, every request signed by the adapter (HMAC with the shared secret).
 * - `GET /sandbox/pay/<order>`: the payer's visit. It pays the order (or fails or declines, see `sandbox-magic.ts`),
 *   notifies the notify URL, and sends the browser back to the return URL with `order_number` and `result`.
 */
export interface SandboxChannelServerOptions {
  readonly secret: string;
  readonly store?: SandboxStore;
  readonly clock?: Clock;
  /** How long the …02 amount holds its notification back. Default 5000. */
  readonly notificationDelayMs?: number;
  /** Redelivery schedule for unacknowledged notifications. Default 2 s, 10 s, 60 s. */
  readonly notificationRetryDelaysMs?: readonly number[];
  /** How long the first create of a …05 order hangs before the connection is dropped. Default 60 s. */
  readonly createHangMs?: number;
  /** Default 0: any free port. */
  readonly port?: number;
}

export interface SandboxChannelServer extends LoopbackServer {
  readonly store: SandboxStore;
  /** Every notification sent, with its answer. */
  readonly deliveries: readonly SandboxDelivery[];
  /** Sends the order's notifications again, as a channel's retry would. */
  redeliverNotifications(orderNumber: string): Promise<void>;
  /** Resolves when no notification is scheduled or in flight. */
  notificationsSettled(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (context: RouteContext) => Promise<void>;
}

interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly params: readonly string[];
  readonly body: string;
  readonly now: number;
}

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

const sendPage = (response: ServerResponse, status: number, title: string, text: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  response.end(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></html>`,
  );
};

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseJson = (body: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(body);
    if (isRecord(value)) return value;
  } catch {
    // refused below
  }
  throw new SandboxRefusal('INVALID_REQUEST', 'The body is not a JSON object.');
};

const requiredText = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SandboxRefusal('INVALID_REQUEST', `${field} is required.`);
  }
  return value;
};

const requiredFen = (body: Record<string, unknown>, field: string): number => {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new SandboxRefusal('INVALID_REQUEST', `${field} must be a positive integer.`);
  }
  return value;
};

const newOrderOf = (body: Record<string, unknown>): NewSandboxOrder => {
  const expiresAt = Date.parse(requiredText(body, 'expiresAt'));
  if (Number.isNaN(expiresAt)) throw new SandboxRefusal('INVALID_REQUEST', 'expiresAt is not a date.');
  const method = body.method === 'qrPay' ? 'qrPay' : 'pagePay';
  const payerName = typeof body.payerName === 'string' ? body.payerName : undefined;
  return {
    orderNumber: requiredText(body, 'orderNumber'),
    amountFen: requiredFen(body, 'amountFen'),
    subject: requiredText(body, 'subject'),
    method,
    expiresAt,
    returnUrl: requiredText(body, 'returnUrl'),
    notifyUrl: requiredText(body, 'notifyUrl'),
    ...(payerName === undefined ? {} : { payerName }),
  };
};

const paymentView = (order: SandboxOrder) => ({
  orderNumber: order.orderNumber,
  transactionId: order.transactionId,
  status: order.status,
  amountFen: order.amountFen,
  ...(order.paidAt === undefined ? {} : { paidAt: iso(order.paidAt) }),
  refundedFen: refundedFen(order),
});

const refundView = (order: SandboxOrder, refund: SandboxRefund) => ({
  orderNumber: order.orderNumber,
  refundNumber: refund.refundNumber,
  refundId: refund.refundId,
  amountFen: refund.amountFen,
  status: 'succeeded',
  refundedAt: iso(refund.refundedAt),
});

const notificationPlan = (order: SandboxOrder, delayMs: number): DeliveryPlan | undefined => {
  switch (sandboxBehaviourOf(order)) {
    case 'notification_delayed':
      return { delayMs };
    case 'notification_duplicated':
      return { copies: 2 };
    case 'notification_withheld':
      return undefined;
    case 'notification_forged':
      return { forged: true };
    default:
      return {};
  }
};

export const startSandboxChannelServer = async (
  options: SandboxChannelServerOptions,
): Promise<SandboxChannelServer> => {
  if (!options.secret) throw new TypeError('The sandbox secret is required.');
  const store = options.store ?? createInMemorySandboxStore();
  const clock = options.clock ?? systemClock;
  const notificationDelayMs = options.notificationDelayMs ?? 5000;
  const createHangMs = options.createHangMs ?? 60_000;
  const notifier = createSandboxNotifier({
    secret: options.secret,
    clock,
    retryDelaysMs: options.notificationRetryDelaysMs ?? [2000, 10_000, 60_000],
  });

  const notify = (order: SandboxOrder, type: SandboxNotificationBody['type'], id: string, data: object, plan = {}) =>
    notifier.deliver(
      order.notifyUrl,
      {
        id,
        type,
        createdAt: iso(clock.now()),
        data: { orderNumber: order.orderNumber, transactionId: order.transactionId, ...data },
      },
      plan,
    );

  const current = async (orderNumber: string, now: number): Promise<SandboxOrder> => {
    const order = await store.get(orderNumber);
    if (!order) throw new SandboxRefusal('ORDER_NOT_FOUND', `No order ${orderNumber}.`);
    return withExpiry(order, now);
  };

  const createPayment = async ({ response, body, now }: RouteContext): Promise<void> => {
    const input = newOrderOf(parseJson(body));
    const fresh = { ...newSandboxOrder(input, `sbx_${randomUUID().replaceAll('-', '')}`, now), createAttempts: 1 };
    const { order: stored, inserted } = await store.insert(fresh);
    const order = inserted
      ? stored
      : await store.update(input.orderNumber, (o) => repeatCreate(withExpiry(o, now), input));
    if (sandboxBehaviourOf(order) === 'create_times_out' && order.createAttempts === 1) {
      // The order is recorded but the answer never comes: the adapter times out and must retry with the same number.
      setTimeout(() => response.destroy(), createHangMs).unref();
      return;
    }
    sendJson(response, 200, paymentView(order));
  };

  const closePayment = async ({ response, params, now }: RouteContext): Promise<void> => {
    const [orderNumber = ''] = params;
    const order = await store.update(orderNumber, (o) => closeOrder(withExpiry(o, now), now));
    sendJson(response, 200, paymentView(order));
  };

  const refund = async ({ response, params, body, now }: RouteContext): Promise<void> => {
    const [orderNumber = ''] = params;
    const request = parseJson(body);
    const refundNumber = requiredText(request, 'refundNumber');
    const amountFen = requiredFen(request, 'amountFen');
    const reason = typeof request.reason === 'string' ? request.reason : '';
    let outcome: ReturnType<typeof refundOrder> | undefined;
    const order = await store.update(orderNumber, (o) => {
      outcome = refundOrder(withExpiry(o, now), { refundNumber, amountFen, reason }, `sbr_${randomUUID()}`, now);
      return outcome.order;
    });
    if (!outcome) throw new Error('unreachable: the store did not apply the refund');
    if (!outcome.repeated) {
      notify(order, 'refund.succeeded', `evt_${outcome.refund.refundId}`, {
        refundNumber,
        amountFen,
        refundedTotalFen: refundedFen(order),
        refundedAt: iso(outcome.refund.refundedAt),
      });
    }
    sendJson(response, 200, refundView(order, outcome.refund));
  };

  const queryRefund = async ({ response, params, now }: RouteContext): Promise<void> => {
    const [orderNumber = '', refundNumber = ''] = params;
    const order = await current(orderNumber, now);
    const found = order.refunds.find((candidate) => candidate.refundNumber === refundNumber);
    if (!found) throw new SandboxRefusal('REFUND_NOT_FOUND', `No refund ${refundNumber}.`);
    sendJson(response, 200, refundView(order, found));
  };

  const statement = async ({ response, params, now }: RouteContext): Promise<void> => {
    const [businessDate = ''] = params;
    let endMs: number;
    try {
      endMs = businessDayBounds(businessDate).endMs;
    } catch {
      throw new SandboxRefusal('INVALID_REQUEST', 'The business date must be YYYY-MM-DD.');
    }
    if (now < endMs) throw new SandboxRefusal('STATEMENT_NOT_READY', `The day ${businessDate} is not over.`);
    const lines = sandboxStatementLines(await store.list(), businessDate);
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sandbox-statement-${businessDate}.csv"`,
      'x-statement-format': SANDBOX_STATEMENT_FORMAT,
    });
    response.write(`${SANDBOX_STATEMENT_HEADER}\n`);
    for (const line of lines) response.write(`${formatSandboxStatementLine(line)}\n`);
    response.end();
  };

  const visitPayPage = async ({ response, params, now }: RouteContext): Promise<void> => {
    const [orderNumber = ''] = params;
    const known = await store.get(orderNumber);
    if (!known) return sendPage(response, 404, '订单不存在', `沙箱渠道没有订单 ${orderNumber}。`);
    const behaviour = sandboxBehaviourOf(known);
    const attempt =
      behaviour === 'payment_fails' ? 'fails' : behaviour === 'payer_declined' ? 'declined' : ('succeeds' as const);
    let outcome = 'failed' as PayOutcome;
    const order = await store.update(orderNumber, (o) => {
      const result = payOrder(withExpiry(o, now), now, attempt);
      outcome = result.outcome;
      return result.order;
    });
    if (outcome === 'paid') {
      const plan = notificationPlan(order, notificationDelayMs);
      if (plan) {
        notify(
          order,
          'payment.succeeded',
          `evt_${order.transactionId}_paid`,
          { amountFen: order.amountFen, paidAt: iso(now) },
          plan,
        );
      }
    } else if (outcome === 'declined') {
      notify(order, 'payment.closed', `evt_${order.transactionId}_closed`, { closedAt: iso(now) });
    }
    const back = new URL(order.returnUrl);
    back.searchParams.set('order_number', orderNumber);
    back.searchParams.set('result', outcome);
    response.writeHead(303, { location: back.toString() });
    response.end();
  };

  const routes: readonly Route[] = [
    { method: 'POST', pattern: /^\/sandbox\/api\/payments$/, handle: createPayment },
    {
      method: 'GET',
      pattern: /^\/sandbox\/api\/payments\/([^/]+)$/,
      handle: async ({ response, params, now }) =>
        sendJson(response, 200, paymentView(await current(params[0] ?? '', now))),
    },
    { method: 'POST', pattern: /^\/sandbox\/api\/payments\/([^/]+)\/close$/, handle: closePayment },
    { method: 'POST', pattern: /^\/sandbox\/api\/payments\/([^/]+)\/refunds$/, handle: refund },
    { method: 'GET', pattern: /^\/sandbox\/api\/payments\/([^/]+)\/refunds\/([^/]+)$/, handle: queryRefund },
    { method: 'GET', pattern: /^\/sandbox\/api\/statements\/([^/]+)$/, handle: statement },
    { method: 'GET', pattern: /^\/sandbox\/pay\/([^/]+)$/, handle: visitPayPage },
  ];

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = (await readRequestBody(request)).toString('utf8');
    const now = clock.now();
    const route = routes.find((r) => r.method === request.method && r.pattern.test(url.pathname));
    if (!route) return sendJson(response, 404, { code: 'NOT_FOUND', message: 'No such sandbox route.' });
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
    try {
      if (url.pathname.startsWith('/sandbox/api/')) {
        const signature = request.headers[SANDBOX_SIGNATURE_HEADER];
        const payload = sandboxRequestPayload(request.method ?? '', request.url ?? '', body);
        if (
          !verifySandboxSignature(options.secret, typeof signature === 'string' ? signature : undefined, payload, now)
        ) {
          throw new SandboxRefusal('UNAUTHENTICATED', 'The request signature does not verify.');
        }
      }
      await route.handle({ request, response, params, body, now });
    } catch (error) {
      if (!(error instanceof SandboxRefusal)) throw error;
      sendJson(response, error.httpStatus, { code: error.code, message: error.message });
    }
  }, options.port);

  return {
    baseUrl: server.baseUrl,
    store,
    deliveries: notifier.deliveries,
    redeliverNotifications: (orderNumber) => notifier.redeliver(orderNumber),
    notificationsSettled: () => notifier.idle(),
    close: async () => {
      notifier.close();
      await server.close();
    },
  };
};
