import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, GetCommand, PutCommand } from '@platform/dynamodb';
import { ensureTables } from '@platform/local-runtime';
import { localTableName, TABLES } from '@platform/topology';
import { type Benchmark, measurement, timeConcurrent } from './harness.ts';

const ITEMS = 3_000;
const IN_FLIGHT = 32;
const CPU_SAMPLES = 1_000;
const IDLE_MS = 3;

/** This process's CPU time (user + system) per call of `operation`, made one after the other, in milliseconds. */
const cpuMsPerCall = async (operation: (index: number) => Promise<unknown>): Promise<number> => {
  const before = process.cpuUsage();
  for (let i = 0; i < CPU_SAMPLES; i += 1) await operation(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / CPU_SAMPLES;
};

const idle = () => new Promise<void>((resolve) => setTimeout(resolve, IDLE_MS));

/**
 * The storage baseline: single-item puts and strongly consistent gets per second against DynamoDB Local from one
 * Node process. Later benchmarks divide their own throughput by these numbers (the storage limit per operation).
 */
const storage: Benchmark = {
  name: 'storage',
  run: async (context) => {
    const database = await context.dynamodb();
    const client = new DynamoDBClient({
      endpoint: database.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint });
    await ensureTables(client, database.endpoint, 'bench', [TABLES.payments]);
    const tableName = localTableName('bench', TABLES.payments);
    const payload = randomBytes(256).toString('base64');
    const key = (i: number) => ({ pk: `BENCH#${i}`, sk: 'ITEM' });

    context.progress(`warming up DynamoDB Local`);
    await timeConcurrent(300, IN_FLIGHT, (i) =>
      documents.send(new PutCommand({ TableName: tableName, Item: { ...key(i), payload } })),
    );

    context.progress(`${ITEMS} puts, ${IN_FLIGHT} in flight`);
    const putMs = await timeConcurrent(ITEMS, IN_FLIGHT, (i) =>
      documents.send(new PutCommand({ TableName: tableName, Item: { ...key(i), payload, at: Date.now() } })),
    );
    context.progress(`${ITEMS} consistent gets, ${IN_FLIGHT} in flight`);
    const getMs = await timeConcurrent(ITEMS, IN_FLIGHT, (i) =>
      documents.send(new GetCommand({ TableName: tableName, Key: key(i), ConsistentRead: true })),
    );

    // What one call costs the caller's CPU, made back to back (code and caches warm) and made after the process has
    // been idle a few milliseconds, as a provider's storage calls are (each waits on the network, between requests
    // that wait on the browser). The second includes the wake-up, the cold caches and what DynamoDB Local's JVM
    // did on the same cores meanwhile: on a small machine the cost of a round trip is mostly that.
    context.progress(
      `client CPU per consistent get: ${CPU_SAMPLES} back to back, ${CPU_SAMPLES} after ${IDLE_MS} ms idle`,
    );
    const get = (i: number) =>
      documents.send(new GetCommand({ TableName: tableName, Key: key(i % ITEMS), ConsistentRead: true }));
    const warmMs = await cpuMsPerCall(get);
    const idleOnlyMs = await cpuMsPerCall(idle);
    const afterIdleMs =
      (await cpuMsPerCall(async (i) => {
        await idle();
        await get(i);
      })) - idleOnlyMs;
    documents.destroy();
    client.destroy();
    return [
      measurement({
        benchmark: 'storage',
        metric: 'dynamodb-local puts/s',
        value: (ITEMS / putMs) * 1000,
        unit: 'ops/s',
      }),
      measurement({
        benchmark: 'storage',
        metric: 'dynamodb-local gets/s',
        value: (ITEMS / getMs) * 1000,
        unit: 'ops/s',
      }),
      measurement({
        benchmark: 'storage',
        metric: `client CPU per consistent get after ${IDLE_MS} ms idle (the idle timer's own cost taken out)`,
        value: afterIdleMs,
        unit: 'ms',
        baseline: { metric: 'back to back', value: warmMs },
      }),
    ];
  },
};

export default storage;
