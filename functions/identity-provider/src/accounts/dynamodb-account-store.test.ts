import { type DocumentClient, GetCommand, TransactWriteCommand } from '@platform/dynamodb';
import { describe, expect, it } from 'vitest';
import type { PhoneProtector } from './account.ts';
import { ACCOUNT_CACHE_TTL_MS, createDynamoDbAccountStore } from './dynamodb-account-store.ts';

const phones: PhoneProtector = {
  seal: async (phone) => `sealed:${phone}`,
  open: async (sealed) => sealed.replace('sealed:', ''),
  index: (phone) => `index:${phone}`,
};

/** A table in memory that counts the reads. */
const fakeTable = () => {
  const items = new Map<string, Record<string, unknown>>();
  const reads: string[] = [];
  const documents = {
    send: async (command: unknown) => {
      if (command instanceof GetCommand) {
        const key = `${command.input.Key?.pk}|${command.input.Key?.sk}`;
        reads.push(String(command.input.Key?.pk));
        return { Item: items.get(key) };
      }
      if (command instanceof TransactWriteCommand) {
        for (const entry of command.input.TransactItems ?? []) {
          const item = entry.Put?.Item as Record<string, unknown>;
          items.set(`${item.pk}|${item.sk}`, item);
        }
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as DocumentClient;
  return { documents, items, reads };
};

const clock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('createDynamoDbAccountStore: accounts by sub from memory', () => {
  it('reads an account once per cache period', async () => {
    const table = fakeTable();
    const time = clock();
    const store = createDynamoDbAccountStore({ documents: table.documents, tableName: 't', phones, clock: time.now });
    table.items.set('ACCOUNT#s1|PROFILE', {
      pk: 'ACCOUNT#s1',
      sk: 'PROFILE',
      sub: 's1',
      kind: 'natural_person',
      createdAt: '2025-01-01T00:00:00.000Z',
      sealedPhone: 'sealed:13800000000',
      phoneIndex: 'index:13800000000',
    });
    const expected = {
      sub: 's1',
      kind: 'natural_person',
      createdAt: '2025-01-01T00:00:00.000Z',
      sealedPhone: 'sealed:13800000000',
    };
    expect(await store.findBySub('s1')).toStrictEqual(expected);
    expect(await store.findBySub('s1')).toStrictEqual(expected);
    expect(table.reads).toStrictEqual(['ACCOUNT#s1']);
    time.advance(ACCOUNT_CACHE_TTL_MS);
    await store.findBySub('s1');
    expect(table.reads).toStrictEqual(['ACCOUNT#s1', 'ACCOUNT#s1']);
  });

  it('does not remember an absent account', async () => {
    const table = fakeTable();
    const store = createDynamoDbAccountStore({ documents: table.documents, tableName: 't', phones });
    expect(await store.findBySub('nobody')).toBeUndefined();
    expect(await store.findBySub('nobody')).toBeUndefined();
    expect(table.reads).toHaveLength(2);
  });

  it('knows an account it just created without reading it', async () => {
    const table = fakeTable();
    const store = createDynamoDbAccountStore({ documents: table.documents, tableName: 't', phones });
    const { account, created } = await store.findOrCreateByPhone('13800000001');
    expect(created).toBe(true);
    table.reads.length = 0;
    expect(await store.findBySub(account.sub)).toStrictEqual(account);
    expect(table.reads).toStrictEqual([]);
  });

  it('reads every time with cacheTtlMs 0', async () => {
    const table = fakeTable();
    const store = createDynamoDbAccountStore({ documents: table.documents, tableName: 't', phones, cacheTtlMs: 0 });
    const { account } = await store.findOrCreateByPhone('13800000002');
    table.reads.length = 0;
    await store.findBySub(account.sub);
    await store.findBySub(account.sub);
    expect(table.reads).toHaveLength(2);
  });
});
