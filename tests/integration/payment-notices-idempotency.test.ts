import { randomBytes } from 'node:crypto';
import { GetCommand, ScanCommand } from '@platform/dynamodb';
import {
  createStaticItemCatalogue,
  DynamoDbIdempotencyPersistence,
  DynamoDbPaymentNoticeRepository,
  IdempotencyError,
  idempotencyItemKey,
  isPaymentNoticeError,
  issuePaymentNotice,
  type StoredResponse,
  toProblemFields,
} from '@platform/payment-notices';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

let storage: TestStorage;
const clock = { now: Date.now() };
let idempotency: DynamoDbIdempotencyPersistence;

const newScope = () => ({ departmentId: 'bj-public-security', key: `key-${randomBytes(8).toString('hex')}` });
const body = { itemCode: '103050101', amountFen: 20_000 };
const created: StoredResponse = { statusCode: 201, body: { noticeId: 'n-1', paymentCode: '11000000000000000001' } };

const proceed = async (scope: { departmentId: string; key: string }, requestBody: unknown) => {
  const start = await idempotency.begin(scope, requestBody);
  if (start.outcome !== 'proceed') throw new Error(`expected to proceed, got ${start.outcome}`);
  return start.claim;
};

beforeAll(async () => {
  storage = await createTestStorage();
  idempotency = new DynamoDbIdempotencyPersistence({
    documents: storage.documents,
    tableName: storage.tableNames.payments,
    leaseSeconds: 30,
    now: () => clock.now,
  });
});

describe('Idempotency-Key on DynamoDB', () => {
  it('same key and same body: the first response again', async () => {
    const scope = newScope();
    await idempotency.complete(await proceed(scope, body), created);
    expect(await idempotency.begin(scope, { amountFen: 20_000, itemCode: '103050101' })).toEqual({
      outcome: 'replay',
      response: created,
    });
  });

  it('same key and a different body: 409 idempotency_key_reused', async () => {
    const scope = newScope();
    await idempotency.complete(await proceed(scope, body), created);
    const refusal = await idempotency.begin(scope, { ...body, amountFen: 20_001 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IdempotencyError);
    expect(refusal).toMatchObject({ code: 'idempotency_key_reused', status: 409 });
  });

  it('concurrent first uses: exactly one proceeds, the others are told it is in progress', async () => {
    const scope = newScope();
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => idempotency.begin(scope, body)));
    const proceeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(proceeded).toHaveLength(1);
    expect((proceeded[0] as PromiseFulfilledResult<{ outcome: string }>).value.outcome).toBe('proceed');
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'idempotency_request_in_progress', retryAfterSeconds: 30 });
      }
    }
  });

  it('keeps a key at least 24 hours (TTL attribute set), then honours its expiry before DynamoDB deletes it', async () => {
    const scope = newScope();
    const startedAt = clock.now;
    await idempotency.complete(await proceed(scope, body), created);
    const item = (
      await storage.documents.send(
        new GetCommand({
          TableName: storage.tableNames.payments,
          Key: idempotencyItemKey(scope),
          ConsistentRead: true,
        }),
      )
    ).Item;
    expect(item).toMatchObject({ pk: `IDEMPOTENCY#${scope.departmentId}#${scope.key}`, status: 'completed' });
    expect(item?.expiresAt).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) + 86_400);

    clock.now = startedAt + 86_400_000 + 2_000;
    try {
      const start = await idempotency.begin(scope, { different: 'body' });
      expect(start.outcome).toBe('proceed');
    } finally {
      clock.now = startedAt;
    }
  });

  it('lets a request take over a key whose holder crashed (lease lapsed); the late holder can not record', async () => {
    const scope = newScope();
    const startedAt = clock.now;
    const crashed = await proceed(scope, body);
    clock.now = startedAt + 31_000;
    try {
      const takeover = await proceed(scope, body);
      await expect(idempotency.complete(crashed, created)).rejects.toMatchObject({ code: 'idempotency_lease_lost' });
      await idempotency.complete(takeover, created);
      expect(await idempotency.begin(scope, body)).toMatchObject({ outcome: 'replay' });
    } finally {
      clock.now = startedAt;
    }
  });

  it('release frees the key for a retry; a release by a non-holder changes nothing', async () => {
    const scope = newScope();
    const claim = await proceed(scope, body);
    await idempotency.release({ ...claim, lockToken: 'not-the-holder' });
    await expect(idempotency.begin(scope, body)).rejects.toMatchObject({ code: 'idempotency_request_in_progress' });
    await idempotency.release(claim);
    expect((await idempotency.begin(scope, body)).outcome).toBe('proceed');
  });

  it('refuses malformed keys before touching the table', async () => {
    for (const key of ['', ' ', 'x'.repeat(256), '键']) {
      await expect(idempotency.begin({ departmentId: 'bj-public-security', key }, body)).rejects.toMatchObject({
        code: 'invalid_idempotency_key',
        status: 400,
      });
    }
  });
});

describe('issuing behind an Idempotency-Key, as the issuing endpoint will', () => {
  const catalogue = createStaticItemCatalogue();

  /** The endpoint's flow: claim the key, decide, record the answer (refusals too), replay on repeats. */
  const post = async (departmentId: string, key: string, requestBody: unknown): Promise<StoredResponse> => {
    const start = await idempotency.begin({ departmentId, key }, requestBody);
    if (start.outcome === 'replay') return start.response;
    const notices = new DynamoDbPaymentNoticeRepository({
      documents: storage.documents,
      tableName: storage.tableNames.payments,
      seal: async (kind, value) => `sealed:${kind}:${Buffer.from(value).toString('base64url')}`,
      payerIndex: (kind, value) => Buffer.from(`${kind}:${value}`).toString('base64url'),
    });
    try {
      const notice = await issuePaymentNotice(requestBody, departmentId, { catalogue, notices });
      const response = { statusCode: 201, body: notice };
      await idempotency.complete(start.claim, response);
      return response;
    } catch (error) {
      if (!isPaymentNoticeError(error)) {
        await idempotency.release(start.claim);
        throw error;
      }
      const response = { statusCode: error.status, body: toProblemFields(error) };
      await idempotency.complete(start.claim, response);
      return response;
    }
  };

  const noticeCount = async () =>
    (
      await storage.documents.send(
        new ScanCommand({
          TableName: storage.tableNames.payments,
          FilterExpression: 'entity = :notice',
          ExpressionAttributeValues: { ':notice': 'notice' },
          ConsistentRead: true,
        }),
      )
    ).Items?.length ?? 0;

  it('issues once for a repeated request and answers the repeat with the same notice', async () => {
    const request = {
      itemCode: '103050101',
      payer: { kind: 'legal-person', uscc: '91110000600037341L', name: '北京某某科技有限公司' },
      amountFen: 50_000,
      dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      description: '超限运输罚款',
    };
    const before = await noticeCount();
    const first = await post('bj-public-security', 'issue-1', request);
    const again = await post('bj-public-security', 'issue-1', request);
    expect(first.statusCode).toBe(201);
    expect(again).toEqual(first);
    expect(await noticeCount()).toBe(before + 1);
  });

  it('replays a refusal too, and a refused request writes no notice', async () => {
    const before = await noticeCount();
    const request = { itemCode: '103050101', amountFen: 12.5 };
    const first = await post('bj-public-security', 'issue-2', request);
    expect(first).toMatchObject({ statusCode: 422, body: { code: 'amount_not_integer', field: 'amountFen' } });
    expect(await post('bj-public-security', 'issue-2', request)).toEqual(first);
    expect(await noticeCount()).toBe(before);
  });
});
