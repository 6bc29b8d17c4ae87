import { randomBytes } from 'node:crypto';
import type { PaymentSucceededEvent } from '@platform/payment-channels';
import { applyPayment, type PaymentOutcome } from '@platform/payment-orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage } from '../support/dynamodb.ts';
import { type NotifyEndpoint, startNotifyEndpoint } from '../support/notify-endpoint.ts';
import { createPaymentWorld, type PaymentWorld } from '../support/payment-world.ts';
import { type SandboxPayments, startSandboxPayments } from '../support/sandbox-payments.ts';

/**
 * Concurrency on DynamoDB Local: a notice is paid at most once however many payments race for it, and one payment is
 * recorded once however many times, in whatever order, its notification and the sweeper's query bring it.
 */
let world: PaymentWorld;
let sandbox: SandboxPayments;
let endpoint: NotifyEndpoint;

const shuffled = <T>(items: T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

beforeAll(async () => {
  const storage = await createTestStorage();
  world = createPaymentWorld({ documents: storage.documents, tableName: storage.tableNames.payments });
  sandbox = await startSandboxPayments();
  endpoint = await startNotifyEndpoint({ notices: world.notices, store: world.store, channels: sandbox.channels });
});

afterAll(async () => {
  await endpoint?.close();
  await sandbox?.close();
});

describe('payments racing for one notice', () => {
  it('50 concurrent payments of one notice through different orders: exactly one pays, 49 are flagged for refund', async () => {
    const notice = await world.issue(30_000);
    const orders = await Promise.all(
      Array.from({ length: 50 }, () =>
        world.recordOrder(notice, { orderNumber: `SB${randomBytes(15).toString('hex').toUpperCase()}` }),
      ),
    );
    const paidAt = new Date().toISOString();
    const events: PaymentSucceededEvent[] = orders.map((order, i) => ({
      type: 'payment.succeeded',
      id: `evt_race_${i}_${order.orderNumber}`,
      orderNumber: order.orderNumber,
      channelTransactionId: `sbx_race_${i}`,
      amountFen: notice.amountFen,
      paidAt,
    }));
    const deps = { notices: world.notices, store: world.store, now: () => new Date() };

    const outcomes: PaymentOutcome[] = await Promise.all(events.map((event) => applyPayment(deps, 'sandbox', event)));

    const paid = outcomes.filter((outcome) => outcome.kind === 'paid');
    const flagged = outcomes.filter((outcome) => outcome.kind === 'flagged');
    expect(paid).toHaveLength(1);
    expect(flagged).toHaveLength(49);
    expect(flagged.every((outcome) => outcome.kind === 'flagged' && outcome.reason === 'notice_already_paid')).toBe(
      true,
    );

    const stored = await world.notices.get(notice.noticeId);
    const winner = stored?.payment?.paymentId;
    expect(stored?.status).toBe('paid');
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
    expect(orders.map((order) => order.orderNumber)).toContain(winner);
    for (const event of events) {
      const flag = await world.store.findFlag(event.id);
      if (event.orderNumber === winner) {
        expect(flag).toBeUndefined();
        expect(await world.store.findOrder(event.orderNumber)).toMatchObject({ settlement: 'paid' });
      } else {
        // Money to return: which payment it lost to, for the refund reviewer.
        expect(flag).toMatchObject({ reason: 'notice_already_paid', winningPaymentId: winner, amountFen: 30_000 });
        expect(await world.store.findOrder(event.orderNumber)).toMatchObject({
          settlement: 'flagged:notice_already_paid',
        });
      }
    }
  });
});

describe('one payment told many times', () => {
  it('200 duplicate, redelivered and queried reports of one payment, in any order: one payment, no flags', async () => {
    // …04: the sandbox takes the money and sends nothing, so every report below is one we deliver ourselves.
    const notice = await world.issue(30_004);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice, endpoint.notifyUrl);
    await sandbox.pay(order.orderNumber);

    const first = await sandbox.paidNotification(order.orderNumber);
    const redeliveries = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sandbox.paidNotification(order.orderNumber, new Date(Date.now() - i * 1_000)),
      ),
    );
    const state = await sandbox.adapter.queryPayment(order.orderNumber);
    const queried: PaymentSucceededEvent = {
      type: 'payment.succeeded',
      id: `query:sandbox:${order.orderNumber}`,
      orderNumber: order.orderNumber,
      channelTransactionId: state.channelTransactionId as string,
      amountFen: state.amountFen as number,
      paidAt: state.paidAt as string,
    };
    const deps = { notices: world.notices, store: world.store, now: () => new Date() };

    const reports: (() => Promise<unknown>)[] = shuffled([
      // 140 byte-for-byte duplicates of one delivery,
      ...Array.from({ length: 140 }, () => () => endpoint.deliver(first)),
      // 40 redeliveries (same event id, fresh timestamp and signature),
      ...redeliveries.map((delivery) => () => endpoint.deliver(delivery)),
      // and 20 sweeper runs that found the payment by query.
      ...Array.from({ length: 20 }, () => () => applyPayment(deps, 'sandbox', queried)),
    ]);
    expect(reports).toHaveLength(200);
    const answers = await Promise.all(reports.map((report) => report()));

    const notifications = endpoint.received.filter((received) => received.body.includes(order.orderNumber));
    expect(notifications).toHaveLength(180);
    // Every delivery is acknowledged: none is asked again, none is refused.
    expect(notifications.every((n) => n.status === 200 && n.answer === '{"received":true}')).toBe(true);
    const outcomes = answers.filter((answer): answer is PaymentOutcome => !!answer && 'kind' in (answer as object));
    expect(outcomes.every((outcome) => outcome.kind === 'paid' || outcome.kind === 'already_recorded')).toBe(true);

    expect(await world.notices.get(notice.noticeId)).toMatchObject({
      status: 'paid',
      payment: { paymentId: order.orderNumber, channelTransactionId: state.channelTransactionId },
    });
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
    const eventId = (JSON.parse(first.body) as { id: string }).id;
    expect(await world.store.findFlag(eventId)).toBeUndefined();
    expect(await world.store.findFlag(queried.id)).toBeUndefined();
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'paid' });
  });
});
