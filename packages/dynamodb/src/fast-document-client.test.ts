import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from './document-client.ts';
import { DynamoDbHttpTransport } from './dynamodb-http-transport.ts';
import { FastDynamoDBDocumentClient } from './fast-document-client.ts';
import { isTransientStorageFailure } from './storage-errors.ts';

/**
 * The short road against the SDK, request for request, on a scripted DynamoDB: both clients send to the same local
 * server, which records what arrives and answers from a script. What the fast client sends, returns and throws must
 * be what the SDK sends, returns and throws.
 */

interface Received {
  readonly target: string;
  readonly body: unknown;
  readonly headers: IncomingMessage['headers'];
  readonly remotePort: number | undefined;
}
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

let server: Server;
let endpoint: string;
let received: Received[] = [];
let script: (target: string, body: unknown, index: number) => Answer = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target']);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ target, body, headers: request.headers, remotePort: request.socket.remotePort });
      const answer = script(target, body, received.length - 1);
      response.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `request-${received.length}`,
        ...answer.headers,
      });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

beforeEach(() => {
  received = [];
});

const translateConfig = { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } };
const clientConfig = () => ({
  endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 3,
});
const sdk = () => DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()), translateConfig);
const fast = () =>
  FastDynamoDBDocumentClient.fromClient(new DynamoDBClient(clientConfig()), translateConfig, { endpoint });

/** Sends the command through both clients; returns what each resolved or rejected with, and what each sent. */
interface Outcome {
  readonly output?: Record<string, unknown>;
  readonly error?: Record<string, unknown> & Error;
  readonly sent: Received[];
}

const both = async (command: () => { input: unknown }): Promise<{ sdk: Outcome; fast: Outcome }> => {
  const run = async (documents: DynamoDBDocumentClient): Promise<Outcome> => {
    const start = received.length;
    const outcome: Omit<Outcome, 'sent'> = await documents.send(command() as never).then(
      (output: unknown) => ({ output: output as Record<string, unknown> }),
      (error: unknown) => ({ error: error as Record<string, unknown> & Error }),
    );
    documents.destroy();
    return { ...outcome, sent: received.slice(start) };
  };
  return { sdk: await run(sdk()), fast: await run(fast()) };
};

const withoutRequestId = (metadata: unknown) => ({ ...(metadata as object), requestId: undefined });

const binary = new Uint8Array([0, 1, 2, 250, 255]);
const item = {
  pk: 'OIDC#Session#abc',
  sk: 'OIDC',
  payload: '{"kind":"Session","nested":{"a":[1,2,3]}}',
  expiresAt: 1_900_000_000,
  big: 2n ** 64n,
  float: 0.1,
  flag: false,
  nothing: null,
  list: ['a', 1, { deep: true }, null],
  map: { 'with space': 'x', '': 'empty name', nested: { n: -5 } },
  strings: new Set(['b', 'a']),
  numbers: new Set([3, 1]),
  bytes: binary,
  binaries: new Set([binary, new Uint8Array([7])]),
  skipped: undefined,
};
const wireItem = {
  pk: { S: 'OIDC#Session#abc' },
  sk: { S: 'OIDC' },
  n: { N: '12345678901234567890' },
  small: { N: '-0.5' },
  b: { B: Buffer.from(binary).toString('base64') },
  bs: { BS: [Buffer.from(binary).toString('base64')] },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['1', '2.5'] },
  l: { L: [{ S: 'a' }, { NULL: true }, { BOOL: true }, { M: { B: { S: 'an attribute named B' } } }] },
  m: { M: { inner: { M: { b: { B: 'AAE=' } } } } },
};

describe('FastDynamoDBDocumentClient against the SDK', () => {
  it.each([
    ['GetCommand', () => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' }, ConsistentRead: true })],
    [
      'PutCommand',
      () => new PutCommand({ TableName: 't', Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    ],
    [
      'UpdateCommand',
      () =>
        new UpdateCommand({
          TableName: 't',
          Key: { pk: 'a', sk: 'b' },
          UpdateExpression: 'SET #c = :now, #l = :list',
          ConditionExpression: 'attribute_exists(#pk) AND (#e > :now)',
          ExpressionAttributeNames: { '#c': 'consumed', '#l': 'list', '#pk': 'pk', '#e': 'expiresAt' },
          ExpressionAttributeValues: { ':now': 1_700_000_000, ':list': [binary, 'x'], ':unused': undefined },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ReturnValues: 'ALL_NEW',
        }),
    ],
    ['DeleteCommand', () => new DeleteCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' }, ReturnValues: 'ALL_OLD' })],
    [
      'QueryCommand',
      () =>
        new QueryCommand({
          TableName: 't',
          IndexName: 'gsi1',
          KeyConditionExpression: '#k = :k',
          ExpressionAttributeNames: { '#k': 'gsi1pk', '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':k': 'OIDC_UID#Session#u' },
          ProjectionExpression: '#pk, #sk',
          ScanIndexForward: false,
          Limit: 100,
          ExclusiveStartKey: { pk: 'a', sk: 'b', gsi1pk: 'OIDC_UID#Session#u' },
        }),
    ],
    [
      'TransactWriteCommand',
      () =>
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: 't',
                Item: { pk: 'ACCOUNT#s', sk: 'PROFILE', b: binary },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: 't',
                Key: { pk: 'x', sk: 'y' },
                UpdateExpression: 'SET a = :a',
                ExpressionAttributeValues: { ':a': new Set(['s']) },
              },
            },
            { Delete: { TableName: 't', Key: { pk: 'd', sk: 'e' } } },
            {
              ConditionCheck: {
                TableName: 't',
                Key: { pk: 'c', sk: 'c' },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
    ],
    [
      'BatchWriteCommand',
      () =>
        new BatchWriteCommand({
          RequestItems: {
            t: [{ DeleteRequest: { Key: { pk: 'a', sk: 'b' } } }, { PutRequest: { Item: { pk: 'p', sk: 'q', n: 1 } } }],
          },
        }),
    ],
  ])('sends what the SDK sends for %s', async (_name, command) => {
    script = () => ({ status: 200, body: {} });
    const { sdk, fast } = await both(command);
    expect(sdk.error).toBeUndefined();
    expect(fast.error).toBeUndefined();
    expect(fast.sent).toHaveLength(1);
    expect(fast.sent[0]?.target).toBe(sdk.sent[0]?.target);
    const { ClientRequestToken: fastToken, ...fastBody } = (fast.sent[0]?.body ?? {}) as Record<string, unknown>;
    const { ClientRequestToken: sdkToken, ...sdkBody } = (sdk.sent[0]?.body ?? {}) as Record<string, unknown>;
    expect(fastBody).toStrictEqual(sdkBody);
    // TransactWriteItems: a fresh idempotency token from each client, none elsewhere.
    expect(typeof fastToken).toBe(typeof sdkToken);
    if (sdkToken) expect(fastToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fast.sent[0]?.headers['content-type']).toBe(sdk.sent[0]?.headers['content-type']);
    expect(fast.sent[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/local\/dynamodb\/aws4_request, /,
    );
  });

  it.each([
    [
      'GetItem with every attribute type',
      () => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }),
      { Item: wireItem },
    ],
    ['GetItem of nothing', () => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }), {}],
    [
      'Query with items, a last key and consumed capacity',
      () =>
        new QueryCommand({
          TableName: 't',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': 'a' },
        }),
      {
        Items: [wireItem, { pk: { S: 'b' } }],
        Count: 2,
        ScannedCount: 2,
        LastEvaluatedKey: { pk: { S: 'b' }, sk: { S: 'c' } },
        ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 },
      },
    ],
    [
      'UpdateItem returning attributes',
      () =>
        new UpdateCommand({
          TableName: 't',
          Key: { pk: 'a', sk: 'b' },
          UpdateExpression: 'SET a = :a',
          ExpressionAttributeValues: { ':a': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      { Attributes: wireItem },
    ],
    [
      'BatchWriteItem with unprocessed items',
      () => new BatchWriteCommand({ RequestItems: { t: [{ DeleteRequest: { Key: { pk: 'a', sk: 'b' } } }] } }),
      { UnprocessedItems: { t: [{ DeleteRequest: { Key: { pk: { S: 'a' }, sk: { S: 'b' } } } }] } },
    ],
  ])('returns what the SDK returns for %s', async (_name, command, answer) => {
    script = () => ({ status: 200, body: answer });
    const { sdk, fast } = await both(command);
    expect(sdk.error).toBeUndefined();
    expect(fast.error).toBeUndefined();
    expect({ ...fast.output, $metadata: withoutRequestId(fast.output?.$metadata) }).toStrictEqual({
      ...sdk.output,
      $metadata: withoutRequestId(sdk.output?.$metadata),
    });
    expect(fast.output?.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'request-2', attempts: 1 });
  });

  const errorView = (error: (Record<string, unknown> & Error) | undefined) => ({
    name: error?.name,
    message: error?.message,
    class: error?.constructor,
    $fault: error?.$fault,
    $metadata: withoutRequestId(error?.$metadata),
    Item: error?.Item,
    CancellationReasons: error?.CancellationReasons,
    __type: error?.__type,
    enumerableKeys: Object.keys(error ?? {})
      .filter((key) => key !== '$response')
      .sort(),
  });

  it.each([
    [
      'ConditionalCheckFailedException with the old item',
      {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
        Item: wireItem,
      },
      ConditionalCheckFailedException,
    ],
    [
      'TransactionCanceledException with reasons',
      {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
        CancellationReasons: [
          { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: wireItem },
          { Code: 'None' },
        ],
      },
      TransactionCanceledException,
    ],
    [
      'ResourceNotFoundException',
      { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' },
      ResourceNotFoundException,
    ],
    [
      'a ValidationException (not modelled: the base exception, named)',
      { __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' },
      DynamoDBServiceException,
    ],
  ])('throws what the SDK throws for %s', async (_name, body, Exception) => {
    script = () => ({ status: 400, body });
    const { sdk, fast } = await both(() => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    expect(fast.error).toBeInstanceOf(Exception);
    expect(errorView(fast.error)).toStrictEqual(errorView(sdk.error));
    expect(fast.sent).toHaveLength(1);
  });

  it('retries throttling and server errors as the SDK does, then succeeds', async () => {
    script = (_target, _body, index) =>
      index % 3 === 0
        ? {
            status: 400,
            body: {
              __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
              message: 'slow down',
            },
          }
        : index % 3 === 1
          ? { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' } }
          : { status: 200, body: { Item: { pk: { S: 'a' } } } };
    const { sdk, fast } = await both(() => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    expect(sdk.sent).toHaveLength(3);
    expect(fast.sent).toHaveLength(3);
    expect(fast.output?.Item).toStrictEqual({ pk: 'a' });
    expect(fast.output?.$metadata).toMatchObject({ attempts: 3 });
    expect(sdk.output?.$metadata).toMatchObject({ attempts: 3 });
  });

  it('gives up after the configured attempts with the last error, counted', async () => {
    script = () => ({ status: 503, body: { __type: 'ServiceUnavailable', message: 'unavailable' } });
    const { sdk, fast } = await both(() => new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'b' } }));
    expect(errorView(fast.error)).toMatchObject({ ...errorView(sdk.error), $metadata: expect.anything() });
    expect(fast.error?.$metadata).toMatchObject({ httpStatusCode: 503, attempts: 3 });
    expect(sdk.error?.$metadata).toMatchObject({ httpStatusCode: 503, attempts: 3 });
    expect(isTransientStorageFailure(fast.error)).toBe(true);
    expect(fast.sent).toHaveLength(3);
  });

  it('keeps one idempotency token across the retries of a transaction', async () => {
    script = (_target, _body, index) =>
      index === 0
        ? { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' } }
        : { status: 200, body: {} };
    const documents = fast();
    await documents.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } }] }),
    );
    documents.destroy();
    const tokens = received.map((request) => (request.body as { ClientRequestToken?: string }).ClientRequestToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBeTypeOf('string');
    expect(tokens[1]).toBe(tokens[0]);
  });

  it('does not retry a conditional failure', async () => {
    script = () => ({
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no' },
    });
    const { fast } = await both(() => new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'b' } }));
    expect(fast.sent).toHaveLength(1);
    expect(fast.error?.name).toBe('ConditionalCheckFailedException');
  });

  it('takes the error type from the header when the body has none', async () => {
    script = () => ({
      status: 400,
      body: 'not json',
      headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal' },
    });
    const { fast } = await both(() => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    expect(fast.error?.name).toBe('ThrottlingException');
    expect(fast.sent).toHaveLength(3);
  });

  it('does not retry a success it can not read', async () => {
    script = () => ({ status: 200, body: '{"Item": {"pk": ' });
    const { fast } = await both(() => new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    expect(fast.sent).toHaveLength(1);
    expect(fast.error).toBeInstanceOf(SyntaxError);
    expect(fast.error?.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
  });

  it('resolves the endpoint again after a failure to', async () => {
    let calls = 0;
    const transport = new DynamoDbHttpTransport({
      endpoint: async () => {
        calls += 1;
        if (calls === 1) throw new Error('no region');
        return endpoint;
      },
      region: async () => 'local',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      retryStrategy: async () => new DynamoDBClient(clientConfig()).config.retryStrategy() as never,
    });
    script = () => ({ status: 200, body: { Item: { pk: { S: 'a' } } } });
    await expect(transport.call('GetItem', '{}')).rejects.toThrow('no region');
    expect((await transport.call('GetItem', '{}')).output).toStrictEqual({ Item: { pk: { S: 'a' } } });
    transport.destroy();
  });

  it('rejects what the SDK rejects before sending (marshalling errors)', async () => {
    const { sdk, fast } = await both(() => new PutCommand({ TableName: 't', Item: { pk: 'a', bad: new Set() } }));
    expect(fast.error?.message).toBe(sdk.error?.message);
    expect(fast.sent).toHaveLength(0);
  });

  it('fails with the network error, as a transient storage failure, when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const documents = FastDynamoDBDocumentClient.fromClient(
      new DynamoDBClient({ ...clientConfig(), endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 }),
      translateConfig,
      { endpoint: `http://127.0.0.1:${port}` },
    );
    const error = await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })).catch((e: unknown) => e);
    documents.destroy();
    expect(error).toMatchObject({ code: 'ECONNREFUSED', $metadata: { attempts: 2 } });
    expect(isTransientStorageFailure(error)).toBe(true);
  });

  it('leaves other commands, and sends with options, to the SDK', async () => {
    script = () => ({ status: 200, body: { Items: [], Count: 0 } });
    const documents = fast();
    const output = await documents.send(new ScanCommand({ TableName: 't' }));
    const withOptions = await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }), {});
    documents.destroy();
    expect(output.Items).toStrictEqual([]);
    expect(withOptions.$metadata.httpStatusCode).toBe(200);
    // The SDK's requests carry its user agent; the short road's do not.
    expect(received.map((request) => Boolean(request.headers['user-agent']?.includes('aws-sdk-js')))).toStrictEqual([
      true,
      true,
    ]);
  });

  it('supports the SDK callback style', async () => {
    script = () => ({ status: 200, body: { Item: { pk: { S: 'a' } } } });
    const documents = fast();
    const output = await new Promise((resolve, reject) =>
      documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }), (error: unknown, data?: unknown) =>
        error ? reject(error) : resolve(data),
      ),
    );
    documents.destroy();
    expect(output).toMatchObject({ Item: { pk: 'a' } });
  });

  it('keeps connections alive and reuses them', async () => {
    script = () => ({ status: 200, body: {} });
    const documents = fast();
    for (let index = 0; index < 5; index += 1) {
      await documents.send(new GetCommand({ TableName: 't', Key: { pk: String(index) } }));
    }
    await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        documents.send(new GetCommand({ TableName: 't', Key: { pk: `c${index}` } })),
      ),
    );
    documents.destroy();
    expect(received).toHaveLength(9);
    expect(new Set(received.slice(0, 5).map((request) => request.remotePort)).size).toBe(1);
    expect(new Set(received.map((request) => request.remotePort)).size).toBeLessThanOrEqual(4);
  });
});

describe('FastDynamoDBDocumentClient credentials', () => {
  const withProvider = (expiresInMs: number) => {
    let resolved = 0;
    const credentials = async () => {
      resolved += 1;
      return {
        accessKeyId: `KEY${resolved}`,
        secretAccessKey: 'secret',
        sessionToken: `token${resolved}`,
        expiration: new Date(Date.now() + expiresInMs),
      };
    };
    const documents = FastDynamoDBDocumentClient.fromClient(
      new DynamoDBClient({ ...clientConfig(), credentials }),
      translateConfig,
      { endpoint },
    );
    return { documents, resolved: () => resolved };
  };
  const keyOf = (request: Received | undefined) =>
    /Credential=(\w+)\//.exec(String(request?.headers.authorization))?.[1];

  it('reuses credentials that are good for more than five minutes', async () => {
    script = () => ({ status: 200, body: {} });
    const { documents, resolved } = withProvider(3_600_000);
    for (let index = 0; index < 3; index += 1)
      await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    documents.destroy();
    expect(resolved()).toBe(1);
    expect(received.map(keyOf)).toStrictEqual(['KEY1', 'KEY1', 'KEY1']);
    expect(received[0]?.headers['x-amz-security-token']).toBe('token1');
  });

  it('resolves credentials again when they expire within five minutes, and signs with the new ones', async () => {
    script = () => ({ status: 200, body: {} });
    const { documents, resolved } = withProvider(60_000);
    for (let index = 0; index < 3; index += 1)
      await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    documents.destroy();
    // Each request resolves afresh (the SDK's memoizing wrapper may call the provider more than once itself).
    expect(resolved()).toBeGreaterThanOrEqual(3);
    const keys = received.map(keyOf);
    expect(new Set(keys).size).toBe(3);
    expect(received[2]?.headers['x-amz-security-token']).toBe(keys[2]?.replace('KEY', 'token'));
  });
});

describe('createDocumentClient', () => {
  it('takes the short road unless PLATFORM_DYNAMODB_TRANSPORT=sdk', async () => {
    script = () => ({ status: 200, body: {} });
    for (const [transport, sdkAgent] of [
      [undefined, false],
      ['sdk', true],
    ] as const) {
      received = [];
      const documents = createDocumentClient({
        DYNAMODB_ENDPOINT: endpoint,
        ...(transport ? { PLATFORM_DYNAMODB_TRANSPORT: transport } : {}),
      });
      await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
      documents.destroy();
      expect(Boolean(received[0]?.headers['user-agent']?.includes('aws-sdk-js'))).toBe(sdkAgent);
    }
  });
});
