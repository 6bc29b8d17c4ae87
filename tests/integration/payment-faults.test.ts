import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, StorageUnavailableError } from '@platform/dynamodb';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '@platform/dynamodb-local';
import { ensureTables } from '@platform/local-runtime';
import { ChannelUnavailableError } from '@platform/payment-channels';
import { FIRST_CHECK_AFTER_MS, type SweepDependencies, sweepOpenOrders } from '@platform/payment-orders';
import { localTableName, TABLES } from '@platform/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage } from '../support/dynamodb.ts';
import { type NotifyEndpoint, startNotifyEndpoint } from '../support/notify-endpoint.ts';
import { createPaymentWorld, type PaymentWorld } from '../support/payment-world.ts';
import { type SandboxPayments, startSandboxPayments } from '../support/sandbox-payments.ts';

/**
 * Faults mid-payment: the channel does not answer, or the database goes away and comes back. After recovery every
 * payment is complete, or cleanly pending and then resolved by the sweeper's query; none lost, none doubled.
 */

const afterFirstCheck = () => new Date(Date.now() + FIRST_CHECK_AFTER_MS + 1_000);

const sweeper = (world: PaymentWorld, sandbox: SandboxPayments, overrides: Partial<SweepDependencies> = {}) =>
  sweepOpenOrders({
    notices: world.notices,
    store: world.store,
    channels: sandbox.channels,
    now: afterFirstCheck,
    ...overrides,
  });

/** A TCP server that accepts connections and never answers: a channel that hangs. */
const startBlackHole = async (): Promise<{ baseUrl: string; close(): Promise<void> }> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('the channel times out mid-payment', () => {
  let world: PaymentWorld;
  let sandbox: SandboxPayments;
  let blackHole: Awaited<ReturnType<typeof startBlackHole>>;

  beforeAll(async () => {
    const storage = await createTestStorage();
    world = createPaymentWorld({ documents: storage.documents, tableName: storage.tableNames.payments });
    sandbox = await startSandboxPayments({ createHangMs: 400 });
    blackHole = await startBlackHole();
  });

  afterAll(async () => {
    await blackHole?.close();
    await sandbox?.close();
  });

  it('a create that times out leaves the order pending; paid on retry with its notification lost, the sweeper finds it', async () => {
    // …05: the sandbox records the first create and never answers it.
    const notice = await world.issue(40_005);
    const order = await world.recordOrder(notice);
    const impatient = sandbox.adapterWith({ timeoutMs: 300 });
    await expect(impatient.createPayment(sandbox.paymentInput(order, notice))).rejects.toBeInstanceOf(
      ChannelUnavailableError,
    );
    expect(await world.store.findOrder(order.orderNumber)).not.toHaveProperty('settlement');
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'issued' });

    // The payer presses again (after the hung request is dropped; a retry on its kept-alive connection would queue
    // behind it): same order number, same channel payment; paid, but the notification never arrives.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sandbox.createPayment(order, notice);
    expect(await sandbox.pay(order.orderNumber)).toContain('result=paid');
    expect(await sweeper(world, sandbox)).toMatchObject({ paid: 1, failures: [] });
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
  });

  it('a query that times out leaves the order open and untouched; the next sweep resolves it', async () => {
    const notice = await world.issue(40_004);
    const order = await world.recordOrder(notice);
    await sandbox.createPayment(order, notice);
    await sandbox.pay(order.orderNumber);

    const hanging = new Map([
      ['sandbox', { adapter: sandbox.adapterWith({ baseUrl: blackHole.baseUrl, timeoutMs: 300 }), method: 'pagePay' }],
    ]) as SweepDependencies['channels'];
    const failed = await sweeper(world, sandbox, { channels: hanging });
    expect(failed.paid).toBe(0);
    const failure = failed.failures.find((f) => f.orderNumber === order.orderNumber);
    expect(failure?.error).toBeInstanceOf(ChannelUnavailableError);
    expect(await world.store.findOrder(order.orderNumber)).toEqual(
      expect.not.objectContaining({ settlement: expect.anything() }),
    );
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'issued' });

    // Checked again after a pause (not on every run while the channel is down); then the query finds the payment.
    expect((await sweeper(world, sandbox)).checked).toBe(0);
    const later = () => new Date(Date.now() + 2 * FIRST_CHECK_AFTER_MS + 2_000);
    expect(await sweeper(world, sandbox, { now: later })).toMatchObject({ paid: 1, failures: [] });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid' });
    expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'paid' });
    expect(await world.paidEvents(notice.noticeId)).toHaveLength(1);
  });
});

describe('DynamoDB Local stops and restarts mid-payment', () => {
  // Its own DynamoDB Local, on disk, so that the data outlives the restart (never the run's shared one).
  const dbPath = mkdtempSync(join(tmpdir(), 'payment-faults-dynamodb-'));
  let database: RunningDynamoDbLocal;
  let world: PaymentWorld;
  let sandbox: SandboxPayments;
  let endpoint: NotifyEndpoint;

  beforeAll(async () => {
    database = await startDynamoDbLocal({ port: 0, dbPath });
    const client = new DynamoDBClient({
      endpoint: database.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTables(client, database.endpoint, 'faults', [TABLES.payments]);
    client.destroy();
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint, AWS_REGION: 'local' });
    world = createPaymentWorld({ documents, tableName: localTableName('faults', TABLES.payments) });
    // Redeliveries come quickly here; a real channel waits longer between them.
    sandbox = await startSandboxPayments({ notificationRetryDelaysMs: [300, 600, 1_000, 2_000, 2_000, 4_000, 4_000] });
    endpoint = await startNotifyEndpoint({ notices: world.notices, store: world.store, channels: sandbox.channels });
  });

  afterAll(async () => {
    await endpoint?.close();
    await sandbox?.close();
    await database?.stop();
    rmSync(dbPath, { recursive: true, force: true });
  });

  it('notifications during the outage get the retry answer; after the restart redelivery and the sweeper complete every payment once', async () => {
    const notified = await world.issue(50_008);
    const silent = await world.issue(50_004);
    const notifiedOrder = await world.recordOrder(notified);
    const silentOrder = await world.recordOrder(silent);
    await sandbox.createPayment(notifiedOrder, notified, endpoint.notifyUrl);
    await sandbox.createPayment(silentOrder, silent, endpoint.notifyUrl);

    await database.stop();
    expect(await sandbox.pay(notifiedOrder.orderNumber)).toContain('result=paid');
    expect(await sandbox.pay(silentOrder.orderNumber)).toContain('result=paid');
    // The cashier could not record the payment, so it asked the channel to send it again: not lost.
    await eventually(() => endpoint.received.some((n) => n.body.includes(notifiedOrder.orderNumber)));
    const duringOutage = endpoint.received.filter((n) => n.body.includes(notifiedOrder.orderNumber));
    expect(duringOutage[0]).toMatchObject({ status: 503 });
    // The sweeper can not even list its orders: the run fails as a whole, and the scheduler runs it again later.
    await expect(sweeper(world, sandbox)).rejects.toBeInstanceOf(StorageUnavailableError);

    database = await startDynamoDbLocal({ port: database.port, dbPath });

    // A redelivery lands once the database is back.
    const delivery = sandbox.server.deliveries.find((d) => d.orderNumber === notifiedOrder.orderNumber);
    await eventually(() => delivery?.acknowledged === true);
    expect(delivery?.attempts).toBeGreaterThan(1);
    expect(await world.notices.get(notified.noticeId)).toMatchObject({ status: 'paid' });

    // The silent one is found by query.
    const report = await sweeper(world, sandbox);
    expect(report.failures).toEqual([]);
    expect(report.paid).toBe(1);
    expect(await world.notices.get(silent.noticeId)).toMatchObject({ status: 'paid' });

    // None doubled, none flagged, nothing left open.
    expect(await world.paidEvents(notified.noticeId)).toHaveLength(1);
    expect(await world.paidEvents(silent.noticeId)).toHaveLength(1);
    for (const order of [notifiedOrder, silentOrder]) {
      expect(await world.store.findOrder(order.orderNumber)).toMatchObject({ settlement: 'paid' });
    }
    expect((await sweeper(world, sandbox)).checked).toBe(0);
  });
});
