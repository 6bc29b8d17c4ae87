import { GetCommand } from '@platform/dynamodb';
import {
  createDynamoDbAdapterFactory,
  DynamoDbReplayDetectionAdapter,
  ManualClock,
  newId,
  REPLAY_CLAIM_SECONDS,
  REPLAY_DETECTION_MODEL,
  recordKey,
} from '@platform/oidc-storage';
import Provider, { type Adapter } from 'oidc-provider';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/** `ReplayDetection` as one conditional write: what oidc-provider's `unique` sees, and the items it leaves. */
describe('DynamoDbReplayDetectionAdapter on DynamoDB Local', () => {
  let storage: TestStorage;
  let clock: ManualClock;
  let replays: DynamoDbReplayDetectionAdapter;
  beforeAll(async () => {
    storage = await createTestStorage();
  });
  beforeEach(() => {
    clock = new ManualClock();
    replays = replayAdapter(clock.now);
  });

  const replayAdapter = (now: () => number) => {
    const options = { documents: storage.documents, tableName: storage.tableNames.identity, now };
    const Records = createDynamoDbAdapterFactory(options);
    return new DynamoDbReplayDetectionAdapter({ ...options, fallback: new Records(REPLAY_DETECTION_MODEL) });
  };

  const rawItem = async (id: string) =>
    (
      await storage.documents.send(
        new GetCommand({
          TableName: storage.tableNames.identity,
          Key: recordKey(REPLAY_DETECTION_MODEL, id),
          ConsistentRead: true,
        }),
      )
    ).Item;

  it('claims an id on the first find and answers the record on every later one', async () => {
    const id = newId();
    expect(await replays.find(id)).toBeUndefined();
    expect(await replays.find(id)).toMatchObject({ jti: id, kind: REPLAY_DETECTION_MODEL });
    expect(await replayAdapter(clock.now).find(id)).toBeDefined();
    expect(await rawItem(id)).toMatchObject({ expiresAt: clock.now() / 1000 + REPLAY_CLAIM_SECONDS });
  });

  it('lets exactly one of many concurrent finds claim an id', async () => {
    const id = newId();
    const results = await Promise.all(Array.from({ length: 20 }, () => replayAdapter(clock.now).find(id)));
    expect(results.filter((result) => result === undefined)).toHaveLength(1);
  });

  it('claims an id again once its record has expired, before TTL removes it', async () => {
    const id = newId();
    expect(await replays.find(id)).toBeUndefined();
    clock.advance(REPLAY_CLAIM_SECONDS);
    expect(await replays.find(id)).toBeUndefined();
  });

  it('writes nothing more on upsert within the claim, and the longer expiry when asked for more', async () => {
    const short = newId();
    await replays.find(short);
    const claimed = await rawItem(short);
    await replays.upsert(short, { jti: short, iss: 'portal-a' }, 60);
    expect(await rawItem(short)).toStrictEqual(claimed);

    const long = newId();
    await replays.find(long);
    await replays.upsert(long, { jti: long, iss: 'portal-a' }, REPLAY_CLAIM_SECONDS * 10);
    expect(await rawItem(long)).toMatchObject({ expiresAt: clock.now() / 1000 + REPLAY_CLAIM_SECONDS * 10 });
    clock.advance(REPLAY_CLAIM_SECONDS * 2);
    expect(await replays.find(long)).toMatchObject({ iss: 'portal-a' });
  });

  it('upserts in full what it did not claim', async () => {
    const id = newId();
    await replays.upsert(id, { jti: id, iss: 'portal-a' }, 60);
    expect(await replays.find(id)).toMatchObject({ iss: 'portal-a' });
    await replays.destroy(id);
    expect(await replays.find(id)).toBeUndefined();
  });

  describe("through oidc-provider's ReplayDetection.unique", () => {
    const providerWith = (adapter: Adapter) =>
      new Provider('http://127.0.0.1', {
        adapter: function ProviderAdapter(name: string) {
          if (name !== REPLAY_DETECTION_MODEL) throw new Error(`unexpected model ${name}`);
          return adapter;
        } as never,
      });

    it('accepts a jti once and refuses it afterwards', async () => {
      const provider = providerWith(replayAdapter(Date.now));
      const jti = newId();
      const exp = Math.floor(Date.now() / 1000) + 60;
      expect(await provider.ReplayDetection.unique('portal-a', jti, exp)).toBe(true);
      expect(await provider.ReplayDetection.unique('portal-a', jti, exp)).toBe(false);
      expect(await provider.ReplayDetection.unique('portal-b', jti, exp)).toBe(true);
    });

    it('accepts a jti presented by concurrent requests exactly once', async () => {
      const provider = providerWith(replayAdapter(Date.now));
      const jti = newId();
      const exp = Math.floor(Date.now() / 1000) + 60;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => provider.ReplayDetection.unique('portal-a', jti, exp)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
});
