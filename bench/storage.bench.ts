import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, GetCommand, PutCommand } from '@platform/dynamodb';
import { ensureTables } from '@platform/local-runtime';
import { localTableName, TABLES } from '@platform/topology';
import { type Benchmark, measurement, timeConcurrent } from './harness.ts';

const ITEMS = 3_000;
const IN_FLIGHT = 32;

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
    ];
  },
};

export default storage;
