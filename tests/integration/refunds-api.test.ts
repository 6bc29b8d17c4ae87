import { DynamoDbIdempotencyPersistence } from '@platform/payment-notices';
import { createRefundService } from '@platform/refunds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../functions/payments-api/src/test-support/test-api.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';
import { createRefundWorld, type RefundWorld } from '../support/refund-fixtures.ts';

let storage: TestStorage;
let world: RefundWorld;
let api: Awaited<ReturnType<typeof createTestApi>>;
let own: string;
let other: string;
let readOnly: string;

beforeAll(async () => {
  storage = await createTestStorage();
  world = await createRefundWorld(storage.documents, storage.tableNames.payments);
  api = await createTestApi({
    notices: world.notices,
    refunds: createRefundService(world.deps()),
    idempotency: new DynamoDbIdempotencyPersistence({
      documents: storage.documents,
      tableName: storage.tableNames.payments,
    }),
  });
  const scope = 'payments:notices:read payments:refunds:write';
  own = `Bearer ${await api.issuer.sign({ scope })}`;
  other = `Bearer ${await api.issuer.sign({ scope, client_id: 'bj-education-exams' })}`;
  readOnly = `Bearer ${await api.issuer.sign({ scope: 'payments:notices:read' })}`;
});

afterAll(async () => {
  await world?.server.close();
});

const requestRefund = (noticeId: string, body: unknown, key = crypto.randomUUID(), authorization = own) =>
  api.call({
    routeKey: 'POST /v1/notices/{id}/refunds',
    path: `/v1/notices/${noticeId}/refunds`,
    pathParameters: { id: noticeId },
    headers: { authorization, 'idempotency-key': key, 'content-type': 'application/json' },
    body,
  });

const listRefunds = (noticeId: string, authorization = own) =>
  api.call({
    routeKey: 'GET /v1/notices/{id}/refunds',
    path: `/v1/notices/${noticeId}/refunds`,
    pathParameters: { id: noticeId },
    headers: { authorization },
  });

const getRefund = (refundId: string, authorization = own) =>
  api.call({
    routeKey: 'GET /v1/refunds/{refundId}',
    path: `/v1/refunds/${refundId}`,
    pathParameters: { refundId },
    headers: { authorization },
  });

describe('payments API: refunds', () => {
  it('requests a refund: 201, Location, requested, the amount committed on the notice', async () => {
    const { notice } = await world.paidNotice(10_000);
    const response = await requestRefund(notice.noticeId, { amountFen: 2_500, reason: '多缴退费' });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`https://pay.test.example/v1/refunds/${response.body.id}`);
    expect(response.body).toMatchObject({
      noticeId: notice.noticeId,
      status: 'requested',
      amountFen: 2_500,
      channel: 'sandbox',
      approvals: [],
    });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 2_500 });
    expect((await getRefund(response.body.id)).body).toEqual(response.body);
    expect((await listRefunds(notice.noticeId)).body).toEqual({ refunds: [response.body] });
  });

  it('answers bad amounts 422, an unpaid notice and over-refunds 409, recording nothing', async () => {
    const { notice } = await world.paidNotice(10_000);
    const cases: [unknown, number, string][] = [
      [{ amountFen: 0, reason: 'r' }, 422, 'amount_not_positive'],
      [{ amountFen: -1, reason: 'r' }, 422, 'amount_not_positive'],
      [{ amountFen: 0.5, reason: 'r' }, 422, 'amount_not_integer'],
      [{ amountFen: '100', reason: 'r' }, 422, 'amount_not_integer'],
      [{ amountFen: 1e15, reason: 'r' }, 422, 'amount_too_large'],
      [{ amountFen: 100 }, 422, 'invalid_refund_reason'],
      [{ amountFen: 100, reason: 'r', refundId: 'no spaces' }, 422, 'invalid_refund_id'],
      [{ amountFen: 10_001, reason: 'r' }, 409, 'refund_exceeds_paid'],
    ];
    for (const [body, status, code] of cases) {
      const response = await requestRefund(notice.noticeId, body);
      expect(response.status, code).toBe(status);
      expect(response.body.code, code).toBe(code);
    }
    const unpaid = await world.issuedNotice(5_000);
    const response = await requestRefund(unpaid.noticeId, { amountFen: 100, reason: 'r' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('notice_state_conflict');
    expect((await listRefunds(notice.noticeId)).body).toEqual({ refunds: [] });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid', refundedFen: 0 });
  });

  it('shows another department not_found for the notice and its refunds, as for ones that do not exist', async () => {
    const { notice } = await world.paidNotice(10_000);
    const { body: refund } = await requestRefund(notice.noticeId, { amountFen: 100, reason: 'r' });
    const theirs = await requestRefund(notice.noticeId, { amountFen: 100, reason: 'r' }, undefined, other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    expect((await listRefunds(notice.noticeId, other)).status).toBe(404);
    const theirRefund = await getRefund(refund.id, other);
    const missing = await getRefund('RF-does-not-exist', other);
    expect(theirRefund.status).toBe(404);
    expect({ ...theirRefund.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 100 });
  });

  it('needs the refunds scope to request, and an Idempotency-Key', async () => {
    const { notice } = await world.paidNotice(10_000);
    const unscoped = await requestRefund(notice.noticeId, { amountFen: 100, reason: 'r' }, undefined, readOnly);
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.code).toBe('insufficient_scope');
    const keyless = await api.call({
      routeKey: 'POST /v1/notices/{id}/refunds',
      path: `/v1/notices/${notice.noticeId}/refunds`,
      pathParameters: { id: notice.noticeId },
      headers: { authorization: own, 'content-type': 'application/json' },
      body: { amountFen: 100, reason: 'r' },
    });
    expect(keyless.status).toBe(400);
    expect(keyless.body.code).toBe('idempotency_key_required');
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 0 });
  });

  it('replays a retried request under the same key, refuses the key with another body, and counts the money once', async () => {
    const { notice } = await world.paidNotice(10_000);
    const key = crypto.randomUUID();
    const first = await requestRefund(notice.noticeId, { amountFen: 4_000, reason: 'r' }, key);
    const again = await requestRefund(notice.noticeId, { amountFen: 4_000, reason: 'r' }, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await requestRefund(notice.noticeId, { amountFen: 5_000, reason: 'r' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // The same refund id under a new key is the same refund again (idempotent on the refund number too).
    const byId = { refundId: 'RF-api-same-number', amountFen: 1_000, reason: 'r' };
    const a = await requestRefund(notice.noticeId, byId);
    const b = await requestRefund(notice.noticeId, byId);
    expect(b.body).toEqual(a.body);
    const clash = await requestRefund(notice.noticeId, { ...byId, amountFen: 999 });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('refund_id_in_use');
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 5_000 });
  });

  it('answers concurrent over-refunds 409 refund_exceeds_paid: the committed total never exceeds what was paid', async () => {
    const { notice } = await world.paidNotice(10_000);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => requestRefund(notice.noticeId, { amountFen: 3_000, reason: 'r' })),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(3);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('refund_exceeds_paid');
    }
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ paidFen: 10_000, refundedFen: 9_000 });
  });
});
