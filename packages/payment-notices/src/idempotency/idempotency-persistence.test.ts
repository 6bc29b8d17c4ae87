import { describe, expect, it } from 'vitest';
import { IdempotencyError } from './idempotency-errors.ts';
import type { IdempotencyPersistenceOptions } from './idempotency-persistence.ts';
import { InMemoryIdempotencyPersistence } from './in-memory-idempotency-persistence.ts';

const setup = (options: IdempotencyPersistenceOptions = {}) => {
  const clock = { now: 1_700_000_000_000 };
  const persistence = new InMemoryIdempotencyPersistence({ now: () => clock.now, ...options });
  return { clock, persistence };
};

const scope = { departmentId: 'bj-public-security', key: 'order-42' };
const body = { amountFen: 100, itemCode: '103050101' };
const response = { statusCode: 201, body: { noticeId: 'n1' } };

describe('IdempotencyPersistence rules', () => {
  it('lets the first request proceed and replays its response to the same body, in any member order', async () => {
    const { persistence } = setup();
    const start = await persistence.begin(scope, body);
    if (start.outcome !== 'proceed') throw new Error('expected to proceed');
    await persistence.complete(start.claim, response);
    expect(await persistence.begin(scope, { itemCode: '103050101', amountFen: 100 })).toEqual({
      outcome: 'replay',
      response,
    });
  });

  it('answers 409 idempotency_key_reused to a different body, even while the first is in progress', async () => {
    const { persistence } = setup();
    await persistence.begin(scope, body);
    await expect(persistence.begin(scope, { ...body, amountFen: 101 })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
      status: 409,
    });
  });

  it('answers in-progress to a second request while the first holds its lease, and frees a lapsed lease', async () => {
    const { clock, persistence } = setup({ leaseSeconds: 30 });
    await persistence.begin(scope, body);
    clock.now += 10_000;
    await expect(persistence.begin(scope, body)).rejects.toMatchObject({
      code: 'idempotency_request_in_progress',
      retryAfterSeconds: 20,
    });
    clock.now += 20_000;
    expect((await persistence.begin(scope, body)).outcome).toBe('proceed');
  });

  it('does not let a request that lost its lease record its response', async () => {
    const { clock, persistence } = setup({ leaseSeconds: 30 });
    const first = await persistence.begin(scope, body);
    clock.now += 31_000;
    const second = await persistence.begin(scope, body);
    if (first.outcome !== 'proceed' || second.outcome !== 'proceed') throw new Error('expected both to proceed');
    await expect(persistence.complete(first.claim, response)).rejects.toMatchObject({ code: 'idempotency_lease_lost' });
    await persistence.complete(second.claim, { statusCode: 201, body: { noticeId: 'n2' } });
  });

  it('keeps keys 24 hours after completion, then forgets them', async () => {
    const { clock, persistence } = setup();
    const start = await persistence.begin(scope, body);
    if (start.outcome !== 'proceed') throw new Error('expected to proceed');
    await persistence.complete(start.claim, response);
    clock.now += 24 * 3_600_000 - 1_000;
    expect((await persistence.begin(scope, { other: true }).catch((error) => error)).code).toBe(
      'idempotency_key_reused',
    );
    clock.now += 2_000;
    expect((await persistence.begin(scope, { other: true })).outcome).toBe('proceed');
  });

  it('release gives the key back for a retry', async () => {
    const { persistence } = setup();
    const start = await persistence.begin(scope, body);
    if (start.outcome !== 'proceed') throw new Error('expected to proceed');
    await persistence.release(start.claim);
    expect((await persistence.begin(scope, body)).outcome).toBe('proceed');
  });

  it('scopes keys per department', async () => {
    const { persistence } = setup();
    await persistence.begin(scope, body);
    expect((await persistence.begin({ ...scope, departmentId: 'sh-natural-resources' }, body)).outcome).toBe('proceed');
  });

  it('validates keys per request and options at construction', async () => {
    const { persistence } = setup();
    for (const key of ['', 'a b', 'x'.repeat(256), '键']) {
      await expect(persistence.begin({ ...scope, key }, body)).rejects.toBeInstanceOf(IdempotencyError);
    }
    expect(() => new InMemoryIdempotencyPersistence({ retentionSeconds: 3_600 })).toThrow(/24 h/);
    expect(() => new InMemoryIdempotencyPersistence({ leaseSeconds: 0 })).toThrow(TypeError);
  });
});
