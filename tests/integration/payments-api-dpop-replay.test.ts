import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDpopProofReplayGuard } from '../../functions/payments-api/src/auth/dpop-proof-replay.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

describe('DPoP proof replay guard on DynamoDB', () => {
  let storage: TestStorage;
  const clock = { now: Date.now() };
  beforeAll(async () => {
    storage = await createTestStorage();
  });

  const guard = () =>
    createDynamoDbDpopProofReplayGuard({
      documents: storage.documents,
      tableName: storage.tableNames.payments,
      now: () => clock.now,
    });

  it('lets exactly one of concurrent presentations of a proof through', async () => {
    const jti = randomUUID();
    const expiresAt = Math.floor(clock.now / 1000) + 300;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => guard().firstUse('thumbprint', jti, expiresAt)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('keeps proofs of different keys apart, and forgets a proof once it has expired', async () => {
    const jti = randomUUID();
    const expiresAt = Math.floor(clock.now / 1000) + 300;
    expect(await guard().firstUse('key-a', jti, expiresAt)).toBe(true);
    expect(await guard().firstUse('key-b', jti, expiresAt)).toBe(true);
    expect(await guard().firstUse('key-a', jti, expiresAt)).toBe(false);
    clock.now += 301_000;
    expect(await guard().firstUse('key-a', jti, expiresAt + 301)).toBe(true);
  });
});
