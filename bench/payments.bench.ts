import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, type DocumentClient, PutCommand } from '@platform/dynamodb';
import { DynamoDbFiscalReceiptStore, FiscalReceipts, keySetReceiptKeys } from '@platform/fiscal-receipts';
import { ensureTables } from '@platform/local-runtime';
import type { PaymentNotice } from '@platform/payment-notices';
import { applyPayment, type CheckoutOrder } from '@platform/payment-orders';
import { createKeySet } from '@platform/signing-keys';
import { FUNCTIONS, localTableName, TABLES } from '@platform/topology';
// The integration tests' wiring of the payments storage (notices repository with a vault, checkout store).
import { createPaymentWorld } from '../tests/support/payment-world.ts';
import { type BenchContext, type Benchmark, type Measurement, measurement, timeConcurrent } from './harness.ts';
import {
  bundleFunction,
  initOnlyEnvironment,
  moduleInitMs,
  trivialModuleInitMs,
} from './support/identity-function-bundles.ts';

const OPERATIONS = 400;
const WARM_UP_OPERATIONS = 400;
const SEQUENTIAL_OPERATIONS = 200;
const IN_FLIGHT = 16;
const RAW_PUTS = 1_500;
const MAX_WRITES_PER_OPERATION = 4;
/** At least half of what storage allows per operation: raw puts per second ÷ item writes per operation. */
const MIN_SHARE_OF_STORAGE_LIMIT = 0.5;
const MAX_INIT_MS = 80;
const MAX_BUNDLE_BYTES = 500_000;

/** Counts the items each request writes (a transaction counts each item), by wrapping the client's `send`. */
const countingWrites = (documents: DocumentClient) => {
  const counter = { writes: 0 };
  const writesOf = (command: { constructor: { name: string }; input: Record<string, unknown> }): number => {
    const name = command.constructor.name;
    if (name === 'TransactWriteCommand') return (command.input.TransactItems as unknown[]).length;
    if (name === 'BatchWriteCommand') {
      return Object.values(command.input.RequestItems as Record<string, unknown[]>).reduce((n, r) => n + r.length, 0);
    }
    return ['PutCommand', 'UpdateCommand', 'DeleteCommand'].includes(name) ? 1 : 0;
  };
  const counted = new Proxy(documents, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: Parameters<typeof writesOf>[0], ...rest: unknown[]) => {
        counter.writes += writesOf(command);
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  });
  return { documents: counted, counter };
};

/**
 * The payments functions' bundle size and module init, measured before the storage phase: DynamoDB Local's JVM keeps
 * compiling and collecting for a while after a throughput run, and a cold start measured then would time the JVM
 * beside it (a Lambda cold start shares its CPU with nothing).
 */
const measureColdStarts = async (context: BenchContext): Promise<Measurement[]> => {
  const results: Measurement[] = [];
  const trivialMs = await trivialModuleInitMs();
  for (const definition of FUNCTIONS.filter((fn) => fn.context === 'payments')) {
    context.progress(`${definition.id}: bundle and module init`);
    const bundle = await bundleFunction(definition.entry, definition.id);
    const initMs = await moduleInitMs(bundle, initOnlyEnvironment(definition));
    const [largest] = bundle.largest;
    context.progress(
      `${definition.id}: ${bundle.bytes} bytes; largest: ${bundle.largest
        .map((part) => `${part.name} ${(part.bytes / 1024).toFixed(0)} KiB`)
        .join(', ')}`,
    );
    results.push(
      measurement({
        benchmark: 'payments',
        metric: `${definition.id} bundle size`,
        value: bundle.bytes,
        unit: 'bytes',
        target: { max: MAX_BUNDLE_BYTES, of: 'value' },
      }),
      ...(largest
        ? [
            measurement({
              benchmark: 'payments',
              metric: `${definition.id} bundle: largest part ${largest.name}`,
              value: largest.bytes,
              unit: 'bytes',
            }),
          ]
        : []),
      measurement({
        benchmark: 'payments',
        metric: `${definition.id} module init`,
        value: initMs,
        unit: 'ms',
        baseline: { metric: 'trivial ESM module init', value: trivialMs },
        target: { max: MAX_INIT_MS, of: 'value' },
      }),
    );
  }
  return results;
};

/**
 * Payments throughput on DynamoDB Local through the real code (notices repository, `applyPayment` with the fiscal
 * receipt the functions issue on every payment, so a payment's writes include the receipt's put), each beside raw
 * single-item puts of the same client, table and concurrency measured in the same run; writes per operation counted
 * at the client; and the payments functions' bundle size and module init.
 */
const payments: Benchmark = {
  name: 'payments',
  run: async (context) => {
    const coldStarts = await measureColdStarts(context);
    const database = await context.dynamodb();
    const client = new DynamoDBClient({
      endpoint: database.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTables(client, database.endpoint, 'benchpay', [TABLES.payments]);
    client.destroy();
    const tableName = localTableName('benchpay', TABLES.payments);
    const { documents, counter } = countingWrites(
      createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint, AWS_REGION: 'local' }),
    );
    const world = createPaymentWorld({ documents, tableName });
    // As the checkout and the sweeper apply payments: each issues its fiscal receipt (one signature, one put).
    const keySet = await createKeySet(new Date());
    const receipts = new FiscalReceipts({
      store: new DynamoDbFiscalReceiptStore({ documents, tableName }),
      keys: keySetReceiptKeys({ load: async () => keySet }),
      notices: world.notices,
    });
    const deps = { notices: world.notices, store: world.store, receipts, now: () => new Date() };
    const payload = randomBytes(256).toString('base64');

    const rawPutsPerSecond = async (label: string): Promise<number> => {
      context.progress(`${label}: ${RAW_PUTS} raw puts, ${IN_FLIGHT} in flight`);
      const ms = await timeConcurrent(RAW_PUTS, IN_FLIGHT, (i) =>
        documents.send(
          new PutCommand({ TableName: tableName, Item: { pk: `BENCH#${label}#${i}`, sk: 'ITEM', payload } }),
        ),
      );
      return (RAW_PUTS / ms) * 1000;
    };

    // DynamoDB Local is a JVM: a code path runs several times slower until the JIT has compiled it (measured: 21 ms of
    // its CPU per issuing transaction over the first 300, 7 ms by the third 300). The raw puts get 1 500 warm-up puts,
    // so the transactions get a full round of their own (issue, order, pay), or the ratios would compare a cold path
    // with a warm one.
    context.progress(`warming up (${WARM_UP_OPERATIONS} notices issued, ordered and paid; raw puts)`);
    await timeConcurrent(WARM_UP_OPERATIONS, IN_FLIGHT, async (i) => {
      const order = await world.recordOrder(await world.issue(20_000));
      await applyPayment(deps, 'sandbox', {
        type: 'payment.succeeded',
        id: `evt_warm_${order.orderNumber}`,
        orderNumber: order.orderNumber,
        channelTransactionId: `sbx_warm_${i}`,
        amountFen: order.amountFen,
        paidAt: new Date().toISOString(),
      });
    });
    await rawPutsPerSecond('warm-up');
    const putsBefore = await rawPutsPerSecond('before');

    context.progress(`${OPERATIONS} notices issued, ${IN_FLIGHT} in flight`);
    const issued: PaymentNotice[] = [];
    counter.writes = 0;
    const issueMs = await timeConcurrent(OPERATIONS, IN_FLIGHT, async () => {
      issued.push(await world.issue(20_000 + (issued.length % 90) + 10));
    });
    const writesPerIssue = counter.writes / OPERATIONS;

    context.progress(`${OPERATIONS} orders recorded (set-up, not timed)`);
    const orders: CheckoutOrder[] = [];
    await timeConcurrent(OPERATIONS, IN_FLIGHT, async (i) => {
      orders[i] = await world.recordOrder(issued[i] as PaymentNotice);
    });

    context.progress(`${OPERATIONS} payment notifications applied, ${IN_FLIGHT} in flight`);

    const paidAt = new Date().toISOString();
    counter.writes = 0;
    const applyMs = await timeConcurrent(OPERATIONS, IN_FLIGHT, async (i) => {
      const order = orders[i] as CheckoutOrder;
      const outcome = await applyPayment(deps, 'sandbox', {
        type: 'payment.succeeded',
        id: `evt_bench_${order.orderNumber}`,
        orderNumber: order.orderNumber,
        channelTransactionId: `sbx_bench_${i}`,
        amountFen: order.amountFen,
        paidAt,
      });
      if (outcome.kind !== 'paid') throw new Error(`bench payment ${i} was ${outcome.kind}`);
    });
    const writesPerPayment = counter.writes / OPERATIONS;
    const putsAfter = await rawPutsPerSecond('after');

    // The same comparison one at a time. DynamoDB Local runs each TransactWriteItems under an exclusive lock on the
    // table (its MultiTableLock in WRITE mode) while puts share it, so with 16 in flight a transaction also waits for
    // every transaction queued before it, a cost of DynamoDB Local that DynamoDB does not have. One in flight shows
    // what an issuing transaction itself costs the storage engine.
    context.progress(`${SEQUENTIAL_OPERATIONS} notices issued and ${SEQUENTIAL_OPERATIONS} raw puts, 1 in flight`);
    const sequentialPutMs = await timeConcurrent(SEQUENTIAL_OPERATIONS, 1, (i) =>
      documents.send(
        new PutCommand({ TableName: tableName, Item: { pk: `BENCH#sequential#${i}`, sk: 'ITEM', payload } }),
      ),
    );
    const sequentialIssueMs = await timeConcurrent(SEQUENTIAL_OPERATIONS, 1, () => world.issue(20_000));

    // The storage limit is the better of the two raw measurements: the conservative baseline for our ratios.
    const putsPerSecond = Math.max(putsBefore, putsAfter);
    const throughput = (metric: string, perSecond: number, writes: number): Measurement[] => [
      measurement({
        benchmark: 'payments',
        metric,
        value: perSecond,
        unit: 'ops/s',
        baseline: { metric: `raw puts/s, ${IN_FLIGHT} in flight`, value: putsPerSecond },
      }),
      measurement({
        benchmark: 'payments',
        metric: `${metric}: share of the storage limit per operation`,
        value: perSecond,
        unit: 'ops/s',
        baseline: { metric: `raw puts/s ÷ ${writes.toFixed(2)} writes`, value: putsPerSecond / writes },
        target: { min: MIN_SHARE_OF_STORAGE_LIMIT, of: 'ratio' },
      }),
      measurement({
        benchmark: 'payments',
        metric: `${metric}: DynamoDB item writes per operation`,
        value: writes,
        unit: 'writes',
        target: { max: MAX_WRITES_PER_OPERATION, of: 'value' },
      }),
    ];
    const results: Measurement[] = [
      measurement({ benchmark: 'payments', metric: 'raw puts/s (before)', value: putsBefore, unit: 'ops/s' }),
      measurement({ benchmark: 'payments', metric: 'raw puts/s (after)', value: putsAfter, unit: 'ops/s' }),
      measurement({
        benchmark: 'payments',
        metric: 'notices issued/s, 1 in flight (no lock queue): share of the storage limit per operation',
        value: (SEQUENTIAL_OPERATIONS / sequentialIssueMs) * 1000,
        unit: 'ops/s',
        baseline: {
          metric: `raw puts/s, 1 in flight ÷ ${writesPerIssue.toFixed(2)} writes`,
          value: ((SEQUENTIAL_OPERATIONS / sequentialPutMs) * 1000) / writesPerIssue,
        },
      }),
      ...throughput('notices issued/s', (OPERATIONS / issueMs) * 1000, writesPerIssue),
      ...throughput('payment notifications applied/s', (OPERATIONS / applyMs) * 1000, writesPerPayment),
    ];

    return [...coldStarts, ...results];
  },
};

export default payments;
