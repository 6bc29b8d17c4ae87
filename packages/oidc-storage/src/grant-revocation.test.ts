import { BatchWriteCommand, type DocumentClient, QueryCommand, StorageUnavailableError } from '@platform/dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { deleteRecords, revokeGrantRecords } from './grant-revocation.ts';

type Documents = Pick<DocumentClient, 'send'>;
type Key = { pk: string; sk: string };

const keys = (count: number): Key[] =>
  Array.from({ length: count }, (_, index) => ({ pk: `OIDC#AccessToken#${index}`, sk: 'OIDC' }));

/** A scripted DocumentClient: `onBatch` decides which deletes of each batch come back unprocessed. */
const fakeDocuments = (options: { pages?: Key[][]; onBatch?: (keys: Key[], call: number) => Key[] }) => {
  const deleted: Key[] = [];
  const batchSizes: number[] = [];
  const queryStartKeys: unknown[] = [];
  let batchCalls = 0;
  const documents = {
    send: async (command: unknown) => {
      if (command instanceof QueryCommand) {
        queryStartKeys.push(command.input.ExclusiveStartKey);
        const index = queryStartKeys.length - 1;
        const page = options.pages?.[index] ?? [];
        const more = index + 1 < (options.pages?.length ?? 0);
        return { Items: page, ...(more ? { LastEvaluatedKey: { page: index } } : {}) };
      }
      if (command instanceof BatchWriteCommand) {
        const requests = Object.values(command.input.RequestItems ?? {})[0] ?? [];
        const batch = requests.map((request) => request.DeleteRequest?.Key as Key);
        batchSizes.push(batch.length);
        const unprocessed = options.onBatch?.(batch, batchCalls) ?? [];
        batchCalls += 1;
        deleted.push(...batch.filter((key) => !unprocessed.includes(key)));
        return unprocessed.length
          ? { UnprocessedItems: { table: unprocessed.map((Key) => ({ DeleteRequest: { Key } })) } }
          : {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as Documents;
  return { documents, deleted, batchSizes, queryStartKeys };
};

describe('grant revocation', () => {
  it('deletes in batches of at most 25', async () => {
    const fake = fakeDocuments({});
    await deleteRecords(fake.documents, 'table', keys(60));
    expect(fake.batchSizes).toEqual([25, 25, 10]);
    expect(fake.deleted).toHaveLength(60);
  });

  it('retries the unprocessed part of a batch until it is done', async () => {
    const fake = fakeDocuments({ onBatch: (batch, call) => (call < 2 ? batch.slice(0, 5) : []) });
    await deleteRecords(fake.documents, 'table', keys(20));
    expect(fake.batchSizes).toEqual([20, 5, 5]);
    expect(new Set(fake.deleted.map((key) => key.pk)).size).toBe(20);
  });

  it('gives up with StorageUnavailableError when deletes stay unprocessed', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeDocuments({ onBatch: (batch) => batch });
      const outcome = expect(deleteRecords(fake.documents, 'table', keys(3))).rejects.toBeInstanceOf(
        StorageUnavailableError,
      );
      await vi.runAllTimersAsync();
      await outcome;
      expect(fake.batchSizes).toHaveLength(8);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads every page of the grant index, resuming after the last key', async () => {
    const pages = [
      keys(100),
      keys(100).map((key) => ({ ...key, pk: `${key.pk}b` })),
      keys(7).map((key) => ({ ...key, pk: `${key.pk}c` })),
    ];
    const fake = fakeDocuments({ pages });
    await revokeGrantRecords(fake.documents, 'table', 'grant-1');
    expect(fake.queryStartKeys).toEqual([undefined, { page: 0 }, { page: 1 }]);
    expect(fake.deleted).toHaveLength(207);
  });

  it('does nothing for a grant without records', async () => {
    const fake = fakeDocuments({ pages: [[]] });
    await revokeGrantRecords(fake.documents, 'table', 'grant-1');
    expect(fake.batchSizes).toEqual([]);
  });
});
