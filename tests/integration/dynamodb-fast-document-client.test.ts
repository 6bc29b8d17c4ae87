import { CreateTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, FastDynamoDBDocumentClient } from '@platform/dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The short road against the SDK on a real DynamoDB Local (started by this file): the same operations through both
 * clients leave the same items and give the same answers and errors. Needs Java, like the integration project.
 */

describe('FastDynamoDBDocumentClient on DynamoDB Local', () => {
  let sdk: DynamoDBDocumentClient;
  let fast: DynamoDBDocumentClient;
  const TableName = `fast-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const endpoint = inject('dynamodbEndpoint');
    const client = new DynamoDBClient({
      endpoint: endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const translateConfig = { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } };
    sdk = DynamoDBDocumentClient.from(client, translateConfig);
    fast = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'local' });
    expect(fast).toBeInstanceOf(FastDynamoDBDocumentClient);
  }, 60_000);

  afterAll(async () => {
    fast?.destroy();
    sdk?.destroy();
  });

  interface Outcome {
    output?: Record<string, unknown>;
    error?: {
      class: unknown;
      name: string;
      message: string;
      $fault: unknown;
      status: number | undefined;
      Item: unknown;
      CancellationReasons: unknown;
    };
  }

  const both = async (command: () => unknown): Promise<{ sdk: Outcome; fast: Outcome }> => {
    const run = (documents: DynamoDBDocumentClient): Promise<Outcome> =>
      documents.send(command() as never).then(
        (output: unknown) => ({ output: { ...(output as Record<string, unknown>), $metadata: undefined } }),
        (error: Record<string, unknown> & Error) => ({
          error: {
            class: error.constructor,
            name: error.name,
            message: error.message,
            $fault: error.$fault,
            status: (error.$metadata as { httpStatusCode?: number }).httpStatusCode,
            Item: error.Item,
            CancellationReasons: error.CancellationReasons,
          },
        }),
      );
    return { sdk: await run(sdk), fast: await run(fast) };
  };

  const binary = new Uint8Array([0, 1, 2, 254, 255]);
  const document = {
    payload: '{"kind":"Session"}',
    expiresAt: 1_900_000_000,
    big: 2n ** 64n,
    float: 0.25,
    flag: true,
    nothing: null,
    list: ['a', 1, { deep: [binary] }],
    map: { nested: { n: -5 }, 'with space': 'x' },
    strings: new Set(['b', 'a']),
    numbers: new Set([3, 1]),
    bytes: binary,
    binaries: new Set([binary]),
  };

  it('writes items the SDK reads back unchanged, and reads items the SDK wrote', async () => {
    await fast.send(
      new PutCommand({ TableName, Item: { pk: 'written-by-fast', sk: 'x', ...document, gone: undefined } }),
    );
    await sdk.send(new PutCommand({ TableName, Item: { pk: 'written-by-sdk', sk: 'x', ...document } }));
    for (const pk of ['written-by-fast', 'written-by-sdk']) {
      const { sdk: bySdk, fast: byFast } = await both(
        () => new GetCommand({ TableName, Key: { pk, sk: 'x' }, ConsistentRead: true }),
      );
      expect(byFast).toStrictEqual(bySdk);
      expect(byFast.output?.Item).toStrictEqual({ pk, sk: 'x', ...document, big: 2n ** 64n });
    }
  });

  it('answers a missing item, a conditional failure and a missing table as the SDK does', async () => {
    expect((await both(() => new GetCommand({ TableName, Key: { pk: 'nobody', sk: 'x' } }))).fast.output).toStrictEqual(
      {
        $metadata: undefined,
      },
    );
    const failed = await both(
      () =>
        new UpdateCommand({
          TableName,
          Key: { pk: 'written-by-sdk', sk: 'x' },
          UpdateExpression: 'SET #c = :now',
          ConditionExpression: 'attribute_not_exists(#c)',
          ExpressionAttributeNames: { '#c': 'flag' },
          ExpressionAttributeValues: { ':now': 1 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
    );
    expect(failed.fast).toStrictEqual(failed.sdk);
    expect(failed.fast.error?.name).toBe('ConditionalCheckFailedException');
    expect(failed.fast.error?.Item).toMatchObject({ bytes: { B: binary }, flag: { BOOL: true } });
    const missing = await both(() => new GetCommand({ TableName: 'no-such-table', Key: { pk: 'a', sk: 'b' } }));
    expect(missing.fast).toStrictEqual(missing.sdk);
    expect(missing.fast.error?.class).toBe(ResourceNotFoundException);
    const invalid = await both(
      () => new UpdateCommand({ TableName, Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'SET #a = :a' }),
    );
    expect(invalid.fast).toStrictEqual(invalid.sdk);
    expect(invalid.fast.error?.name).toBe('ValidationException');
  });

  it('updates, queries the index page by page, and deletes as the SDK does', async () => {
    for (let index = 0; index < 5; index += 1) {
      await fast.send(
        new PutCommand({
          TableName,
          Item: { pk: `q${index}`, sk: 'x', gsi1pk: 'group', gsi1sk: String(index), n: index },
        }),
      );
    }
    const updated = await both(
      () =>
        new UpdateCommand({
          TableName,
          Key: { pk: 'q0', sk: 'x' },
          UpdateExpression: 'SET #n = #n + :one',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_OLD',
        }),
    );
    // The SDK ran first: it saw 0, the fast client 1.
    expect(updated.sdk.output?.Attributes).toStrictEqual({ n: 0 });
    expect(updated.fast.output?.Attributes).toStrictEqual({ n: 1 });
    const page = (ExclusiveStartKey?: Record<string, unknown>) => () =>
      new QueryCommand({
        TableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :g',
        ExpressionAttributeValues: { ':g': 'group' },
        ScanIndexForward: false,
        Limit: 2,
        ExclusiveStartKey,
      });
    let startKey: Record<string, unknown> | undefined;
    const seen: unknown[] = [];
    do {
      const { sdk: bySdk, fast: byFast } = await both(page(startKey));
      expect(byFast).toStrictEqual(bySdk);
      seen.push(...((byFast.output?.Items as { pk: string }[]) ?? []).map((item) => item.pk));
      startKey = byFast.output?.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (startKey);
    expect(seen).toStrictEqual(['q4', 'q3', 'q2', 'q1', 'q0']);
    const deleted = await fast.send(
      new DeleteCommand({ TableName, Key: { pk: 'q4', sk: 'x' }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toMatchObject({ pk: 'q4', n: 4 });
  });

  it('runs transactions and reports cancellations as the SDK does', async () => {
    const transaction = (pk: string) => () =>
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { pk, sk: 'a', bytes: binary },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Put: { TableName, Item: { pk, sk: 'b' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      });
    await fast.send(transaction('t1')());
    expect((await sdk.send(new GetCommand({ TableName, Key: { pk: 't1', sk: 'a' } }))).Item).toStrictEqual({
      pk: 't1',
      sk: 'a',
      bytes: binary,
    });
    const cancelled = await both(transaction('t1'));
    expect(cancelled.fast).toStrictEqual(cancelled.sdk);
    expect(cancelled.fast.error?.name).toBe('TransactionCanceledException');
    expect(cancelled.fast.error?.CancellationReasons).toStrictEqual([
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { pk: { S: 't1' }, sk: { S: 'a' }, bytes: { B: binary } },
      },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });

  it('writes and deletes in batches', async () => {
    const keys = Array.from({ length: 25 }, (_, index) => ({ pk: `b${index}`, sk: 'x' }));
    const put = await fast.send(
      new BatchWriteCommand({
        RequestItems: { [TableName]: keys.map((Key) => ({ PutRequest: { Item: { ...Key, v: 1 } } })) },
      }),
    );
    expect(put.UnprocessedItems).toStrictEqual({});
    expect((await sdk.send(new GetCommand({ TableName, Key: keys[24] }))).Item).toStrictEqual({ ...keys[24], v: 1 });
    await fast.send(
      new BatchWriteCommand({ RequestItems: { [TableName]: keys.map((Key) => ({ DeleteRequest: { Key } })) } }),
    );
    expect((await sdk.send(new GetCommand({ TableName, Key: keys[0] }))).Item).toBeUndefined();
  });

  it('keeps one item correct under concurrent conditional writes (exactly one winner)', async () => {
    await fast.send(new PutCommand({ TableName, Item: { pk: 'race', sk: 'x' } }));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fast
          .send(
            new UpdateCommand({
              TableName,
              Key: { pk: 'race', sk: 'x' },
              UpdateExpression: 'SET #consumed = :by',
              ConditionExpression: 'attribute_not_exists(#consumed)',
              ExpressionAttributeNames: { '#consumed': 'consumed' },
              ExpressionAttributeValues: { ':by': index },
            }),
          )
          .then(
            () => 'won',
            (error: Error) => error.name,
          ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
    expect(new Set(outcomes.filter((outcome) => outcome !== 'won'))).toStrictEqual(
      new Set(['ConditionalCheckFailedException']),
    );
  });
});
