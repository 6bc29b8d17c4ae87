import { StorageUnavailableError } from '@platform/dynamodb';
import { describe, expect, it } from 'vitest';
import { createTestApi, validNoticeBody } from '../test-support/test-api.ts';

const setup = async () => {
  const api = await createTestApi();
  const token = await api.issuer.sign();
  const post = (key: string | undefined, body: unknown, path = '/v1/notices', routeKey = 'POST /v1/notices') =>
    api.call({
      routeKey,
      path,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body,
      ...(path === '/v1/notices' ? {} : { pathParameters: { id: path.split('/')[3] as string } }),
    });
  return { ...api, post };
};

describe('Idempotency-Key on POST', () => {
  it('is required: 400 idempotency_key_required naming the header, and nothing is issued', async () => {
    const { post, notices } = await setup();
    const response = await post(undefined, validNoticeBody());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    expect(notices.size()).toBe(0);
  });

  it('refuses a key that is empty or not printable ASCII with 400 invalid_idempotency_key', async () => {
    const { post } = await setup();
    for (const key of ['', 'ключ', 'x'.repeat(256)]) {
      const response = await post(key, validNoticeBody());
      expect(response.status, key).toBe(400);
      expect(response.body.code).toBe('invalid_idempotency_key');
    }
  });

  it('replays the first answer to the same key and body, in any member order, marked Idempotent-Replayed', async () => {
    const { post, notices } = await setup();
    const first = await post('k-1', validNoticeBody());
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const reordered = Object.fromEntries(Object.entries(validNoticeBody()).reverse());
    const again = await post('k-1', reordered);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(notices.size()).toBe(1);
  });

  it('refuses the same key with another body: 409 idempotency_key_reused', async () => {
    const { post, notices } = await setup();
    await post('k-2', validNoticeBody());
    const response = await post('k-2', validNoticeBody({ amountFen: 20_001 }));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(notices.size()).toBe(1);
  });

  it('refuses the same key on another route or notice, even with the same body', async () => {
    const { post } = await setup();
    const issued = await post('k-3', validNoticeBody());
    const cancel = (id: string) =>
      post('k-4', { reason: 'issued in error' }, `/v1/notices/${id}/cancel`, 'POST /v1/notices/{id}/cancel');
    expect((await cancel(issued.body.id)).status).toBe(200);
    expect((await cancel('AAAAAAAAAAAAAAAAAAAAAA')).body.code).toBe('idempotency_key_reused');
  });

  it('answers 409 idempotency_request_in_progress with Retry-After while the first request runs', async () => {
    const { post, notices } = await setup();
    const original = notices.issue;
    let finish: () => void = () => {};
    notices.issue = async (request) => {
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return original(request);
    };
    const first = post('k-5', validNoticeBody());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await post('k-5', validNoticeBody());
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('idempotency_request_in_progress');
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    finish();
    expect((await first).status).toBe(201);
  });

  it('records a refusal of the request as its answer: the same 422 again, replayed', async () => {
    const { post, notices } = await setup();
    const first = await post('k-6', validNoticeBody({ amountFen: 12.5 }));
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ code: 'amount_not_integer', field: 'amountFen' });
    const again = await post('k-6', validNoticeBody({ amountFen: 12.5 }));
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe('application/problem+json');
    expect(notices.size()).toBe(0);
  });

  it('gives the key back after a failure a retry may cure: 503, then the retry runs afresh', async () => {
    const { post, notices } = await setup();
    const original = notices.issue;
    notices.issue = () => Promise.reject(new StorageUnavailableError(new Error('throttled')));
    const failed = await post('k-7', validNoticeBody());
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('storage_unavailable');
    expect(failed.headers['retry-after']).toBe('1');
    notices.issue = original;
    const retried = await post('k-7', validNoticeBody());
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('gives the key back after an unexpected error too, which shows as internal_error', async () => {
    const { post, notices, idempotency } = await setup();
    notices.issue = () => Promise.reject(new Error('bug'));
    const failed = await post('k-8', validNoticeBody());
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe('internal_error');
    expect(idempotency.records.size).toBe(0);
  });

  it('keeps keys per department: the same key of two departments are two requests', async () => {
    const { post, call, issuer, notices } = await setup();
    await post('shared', validNoticeBody());
    const other = await call({
      routeKey: 'POST /v1/notices',
      path: '/v1/notices',
      headers: {
        authorization: `Bearer ${await issuer.sign({ client_id: 'bj-education-exams' })}`,
        'idempotency-key': 'shared',
      },
      body: validNoticeBody({ itemCode: '103041601', amountFen: 5_000 }),
    });
    expect(other.status).toBe(201);
    expect(notices.size()).toBe(2);
  });
});
