import type { DepartmentEvent } from '@platform/department-webhooks';
import { createLogger } from '@platform/logging';
import { FIRST_CHECK_AFTER_MS } from '@platform/payment-orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../functions/payments-sweeper/src/handler.ts';
import { createTestStorage } from '../support/dynamodb.ts';
import { createPaymentWorld, type PaymentWorld } from '../support/payment-world.ts';
import { type SandboxPayments, startSandboxPayments } from '../support/sandbox-payments.ts';

/**
 * The sweeper against DynamoDB Local and the sandbox channel server: truth by query. The sandbox's …04 amount pays
 * without ever notifying, so only the sweeper's query can find that payment.
 */
let world: PaymentWorld;
let sandbox: SandboxPayments;
const lines: string[] = [];
/** What the sweeper told departments (a recording publisher in place of the SQS queue). */
const published: DepartmentEvent[] = [];

const sweepAt = (now: Date) =>
  runSweep({
    notices: world.notices,
    store: world.store,
    channels: sandbox.channels,
    now: () => now,
    logger: createLogger({ write: (line) => lines.push(line) }),
    events: { publish: async (event) => void published.push(event) },
  });

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  const storage = await createTestStorage();
  world = createPaymentWorld({ documents: storage.documents, tableName: storage.tableNames.payments });
  sandbox = await startSandboxPayments();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('the payments sweeper', () => {
  it('leaves a new order alone until its first check is due, then finds a silent payment by query and applies it', async () => {
    const notice = await world.issue(20_004);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);
    expect(await sandbox.pay(order.orderNumber)).toContain('result=paid');
    await sandbox.server.notificationsSettled();
    expect(sandbox.server.deliveries.filter((d) => d.orderNumber === order.orderNumber)).toEqual([]);

    expect((await sweepAt(new Date())).checked).toBe(0);
    const report = await sweepAt(new Date(Date.now() + FIRST_CHECK_AFTER_MS + 1_000));
    expect(report).toMatchObject({ checked: 1, paid: 1, failed: 0 });

    const paid = await world.notices.get(notice.noticeId);
    expect(paid).toMatchObject({ status: 'paid', payment: { paymentId: order.orderNumber, channel: 'sandbox' } });
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'paid' });
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toMatchObject([
      { type: 'notice.paid', data: { paymentId: order.orderNumber, amountFen: 20_004 } },
    ]);

    // Final: never queried again.
    expect((await sweepAt(minutesFromNow(60 * 24 * 30))).checked).toBe(0);
  });

  it('closes an unpaid order at the channel once its notice is due, and expires the notice', async () => {
    const notice = await world.issue(20_008, 1);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);

    const afterDue = new Date(Date.parse(notice.dueAt) + 60_000);
    const report = await sweepAt(afterDue);
    expect(report).toMatchObject({ checked: 1, closed: 1, expired: 1, failed: 0 });
    expect(await sandbox.adapter.queryPayment(order.orderNumber)).toMatchObject({ status: 'closed' });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'expired' });
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'closed' });
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toMatchObject([
      { type: 'notice.expired', id: `${notice.noticeId}:2`, departmentId: notice.departmentId },
    ]);
    // The payer comes back too late: the channel refuses.
    expect(await sandbox.pay(order.orderNumber)).toContain('result=closed');
    expect((await sweepAt(new Date(afterDue.getTime() + 3_600_000))).checked).toBe(0);
  });

  it('asks again later, on a backoff, about an order that is still pending before its due date', async () => {
    const notice = await world.issue(20_010);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);

    const first = new Date(Date.now() + FIRST_CHECK_AFTER_MS + 1_000);
    expect(await sweepAt(first)).toMatchObject({ checked: 1, rescheduled: 1 });
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ checks: 1 });
    // Not again within the backoff…
    expect((await sweepAt(new Date(first.getTime() + 60_000))).checked).toBe(0);
    // …but after it; paid meanwhile (the notification lost), the query finds it.
    await sandbox.pay(order.orderNumber);
    expect(await sweepAt(new Date(first.getTime() + FIRST_CHECK_AFTER_MS + 1_000))).toMatchObject({
      checked: 1,
      paid: 1,
    });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid' });
  });

  it('settles an order the payer was declined on (closed at the channel) without touching its notice', async () => {
    const notice = await world.issue(20_011);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);
    await sandbox.adapter.closePayment(order.orderNumber);
    expect(await sweepAt(minutesFromNow(10))).toMatchObject({ checked: 1, closed: 1, expired: 0 });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'issued' });
  });
});
