import type { DepartmentEvent } from '@platform/department-webhooks';
import { type DocumentClient, GetCommand, QueryCommand } from '@platform/dynamodb';
import {
  DynamoDbFiscalReceiptStore,
  FiscalReceipts,
  keySetReceiptKeys,
  receiptNumberFor,
} from '@platform/fiscal-receipts';
import type { PaymentNotice } from '@platform/payment-notices';
import {
  type ApplyPaymentDependencies,
  applyPayment,
  type CheckoutOrder,
  FIRST_CHECK_AFTER_MS,
  sweepOpenOrders,
} from '@platform/payment-orders';
import { createKeySet } from '@platform/signing-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSettledRecords } from '../../packages/reconciliation/src/platform/settled-records.ts';
import { createTestStorage } from '../support/dynamodb.ts';
import { createPaymentWorld, type PaymentWorld } from '../support/payment-world.ts';
import { type SandboxPayments, startSandboxPayments } from '../support/sandbox-payments.ts';

/**
 * A payment is one transaction of four items — the notice, its `notice.paid` event, the order as payment record
 * (settled, out of the open-order index, in the settled-money index) and the fiscal receipt — and `notice.paid` goes
 * out after it. These tests count the writes at the client and break the publisher, against DynamoDB Local.
 */
let world: PaymentWorld;
let documents: DocumentClient;
let tableName: string;
let receipts: FiscalReceipts;
let sandbox: SandboxPayments;
const writes: string[] = [];

/** The client, recording every item a request writes (each item of a transaction). */
const counting = (client: DocumentClient): DocumentClient =>
  new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name;
        if (name === 'TransactWriteCommand') {
          for (const item of command.input.TransactItems as Record<
            string,
            { Item?: { pk: string }; Key?: { pk: string } }
          >[]) {
            const write = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
            writes.push(String(write?.Item?.pk ?? write?.Key?.pk));
          }
        } else if (['PutCommand', 'UpdateCommand', 'DeleteCommand'].includes(name)) {
          const input = command.input as { Item?: { pk: string }; Key?: { pk: string } };
          writes.push(String(input.Item?.pk ?? input.Key?.pk));
        }
        return target.send(command as never);
      };
    },
  });

const published: DepartmentEvent[] = [];
let queueDown = false;
const events = {
  publish: async (event: DepartmentEvent) => {
    if (queueDown) throw new Error('queue down');
    published.push(event);
  },
};

const deps = (): ApplyPaymentDependencies => ({
  notices: world.notices,
  store: world.store,
  receipts,
  events,
  now: () => new Date(),
});

const paymentOf = (order: CheckoutOrder, id = `evt_${order.orderNumber}`) => ({
  type: 'payment.succeeded' as const,
  id,
  orderNumber: order.orderNumber,
  channelTransactionId: `sbx_${order.orderNumber}`,
  amountFen: order.amountFen,
  paidAt: new Date().toISOString(),
});

const item = async (pk: string, sk: string) =>
  (await documents.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;

const receiptsOf = async (notice: PaymentNotice) =>
  (
    await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RECEIPT#${receiptNumberFor(notice)}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const sweepAfterFirstCheck = () =>
  sweepOpenOrders({
    notices: world.notices,
    store: world.store,
    channels: sandbox.channels,
    receipts,
    events,
    now: () => new Date(Date.now() + FIRST_CHECK_AFTER_MS + 1_000),
  });

beforeAll(async () => {
  const storage = await createTestStorage();
  documents = counting(storage.documents);
  tableName = storage.tableNames.payments;
  world = createPaymentWorld({ documents, tableName });
  const keySet = await createKeySet(new Date());
  receipts = new FiscalReceipts({
    store: new DynamoDbFiscalReceiptStore({ documents, tableName }),
    keys: keySetReceiptKeys({ load: async () => keySet }),
    notices: world.notices,
  });
  sandbox = await startSandboxPayments();
  return () => sandbox.close();
});

describe('a payment committed in one transaction', () => {
  it('writes four items — notice, notice.paid, the order as payment record, the receipt — and nothing on redelivery', async () => {
    const notice = await world.issue(30_000);
    const order = await world.recordOrder(notice);
    writes.length = 0;
    expect(await applyPayment(deps(), 'sandbox', paymentOf(order))).toEqual({
      kind: 'paid',
      noticeId: notice.noticeId,
    });
    const paid = (await world.notices.get(notice.noticeId)) as PaymentNotice;
    expect(writes.sort()).toEqual(
      [
        `NOTICE#${notice.noticeId}`,
        `NOTICE#${notice.noticeId}`,
        `ORDER#${order.orderNumber}`,
        `RECEIPT#${receiptNumberFor(paid)}`,
      ].sort(),
    );

    const stored = await item(`ORDER#${order.orderNumber}`, 'ORDER');
    expect(stored).toMatchObject({
      settlement: 'paid',
      kind: 'payment',
      paymentId: order.orderNumber,
      noticeId: notice.noticeId,
      settledAt: paid.payment?.paidAt,
      gsi1pk: expect.stringMatching(/^SETTLED#sandbox#/),
    });
    expect(stored).not.toHaveProperty('gsi2pk');
    expect(await receiptsOf(paid)).toHaveLength(1);
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toHaveLength(1);

    // Reconciliation reads the order from the settled-money index as the day's payment.
    const day = String(stored?.gsi1pk).slice('SETTLED#sandbox#'.length);
    const records = [];
    for await (const record of readSettledRecords({
      documents,
      tableName,
      channel: 'sandbox',
      businessDate: day,
      windowMinutes: 0,
    })) {
      if (record.orderNumber === order.orderNumber) records.push(record);
    }
    expect(records).toMatchObject([
      { kind: 'payment', status: 'paid', amountFen: 30_000, departmentId: notice.departmentId },
    ]);

    writes.length = 0;
    expect((await applyPayment(deps(), 'sandbox', paymentOf(order))).kind).toBe('already_recorded');
    expect(writes).toEqual([]);
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toHaveLength(2);
  });

  it('20 concurrent redeliveries of one payment: one transaction pays, one receipt, the rest already recorded', async () => {
    const notice = await world.issue(30_001);
    const order = await world.recordOrder(notice);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => applyPayment(deps(), 'sandbox', paymentOf(order, 'evt_same'))),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'paid')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'already_recorded')).toHaveLength(19);
    expect(await receiptsOf((await world.notices.get(notice.noticeId)) as PaymentNotice)).toHaveLength(1);
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
  });

  it('a failed publish puts the order back for the sweeper, which publishes and settles it, keeping the payment time', async () => {
    const notice = await world.issue(30_002);
    const order = await world.recordOrder(notice);
    queueDown = true;
    await expect(applyPayment(deps(), 'sandbox', paymentOf(order))).rejects.toThrowError('queue down');
    queueDown = false;
    const paid = (await world.notices.get(notice.noticeId)) as PaymentNotice;
    expect(paid.status).toBe('paid');
    expect(await world.store.findOrder(order.orderNumber)).not.toHaveProperty('settlement');
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toEqual([]);

    const report = await sweepAfterFirstCheck();
    expect(report.failures).toEqual([]);
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toMatchObject([{ type: 'notice.paid' }]);
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({
      settlement: 'paid',
      settledAt: paid.payment?.paidAt,
    });
    expect(await receiptsOf(paid)).toHaveLength(1);
  });

  it('a payment the sweeper found stays open until published: a failed publish is retried by the next run', async () => {
    const notice = await world.issue(30_004);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);
    expect(await sandbox.pay(order.orderNumber)).toContain('result=paid');
    queueDown = true;
    const failed = await sweepAfterFirstCheck();
    queueDown = false;
    expect(failed.failures.map((failure) => failure.orderNumber)).toContain(order.orderNumber);
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid' });
    expect(await world.store.findOrder(order.orderNumber)).not.toHaveProperty('settlement');

    // The failure pushed its next check back by the first pause.
    const later = await sweepOpenOrders({
      notices: world.notices,
      store: world.store,
      channels: sandbox.channels,
      receipts,
      events,
      now: () => new Date(Date.now() + 2 * FIRST_CHECK_AFTER_MS + 2_000),
    });
    expect(later.failures).toEqual([]);
    expect(published.filter((event) => event.noticeId === notice.noticeId)).toHaveLength(1);
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'paid' });
    expect(await receiptsOf((await world.notices.get(notice.noticeId)) as PaymentNotice)).toHaveLength(1);
  });
});
