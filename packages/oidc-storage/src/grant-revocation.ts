import { BatchWriteCommand, type DocumentClient, QueryCommand, StorageUnavailableError } from '@platform/dynamodb';
import { GRANT_INDEX, grantKey, type RecordKey } from './oidc-item-keys.ts';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Keys read per Query page: a few batches' worth, so memory stays flat however large the grant. */
const PAGE_SIZE = 100;
const MAX_BATCH_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 25;

type Documents = Pick<DocumentClient, 'send'>;
type DeleteRequest = { DeleteRequest: { Key: Record<string, unknown> } };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to an exponentially growing cap, so retrying callers do not move in step. */
const backoffMs = (attempt: number): number => Math.random() * BASE_BACKOFF_MS * 2 ** attempt;

/**
 * Deletes the given items in batches. BatchWriteItem may accept only part of a batch under throttling and hand the
 * rest back as `UnprocessedItems`; those are retried with backoff, and a batch still unfinished after the last
 * attempt is a storage failure (the caller may repeat the whole revocation: deletes are idempotent).
 */
export const deleteRecords = async (documents: Documents, tableName: string, keys: readonly RecordKey[]) => {
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    let pending: DeleteRequest[] = keys
      .slice(start, start + BATCH_SIZE)
      .map((Key) => ({ DeleteRequest: { Key: { ...Key } } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === MAX_BATCH_ATTEMPTS) {
        throw new StorageUnavailableError(
          new Error(`${pending.length} deletes still unprocessed after ${attempt} tries`),
        );
      }
      if (attempt > 0) await sleep(backoffMs(attempt));
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
      );
    }
  }
};

/**
 * Deletes every grant-bound record of a grant, whatever its model: the grant index holds exactly those.
 *
 * The index is read page by page (`LastEvaluatedKey`) and each page deleted before the next is read; resuming
 * after keys just deleted is fine, a start key needs no item. Repeating the call, or running it concurrently for
 * several models as oidc-provider does, only deletes what is already gone.
 *
 * GSI reads are eventually consistent, so a token written a split second before the revocation may be missed.
 * oidc-provider bounds that window: revocation also destroys the Grant, and tokens are checked against their Grant
 * when used.
 */
export const revokeGrantRecords = async (documents: Documents, tableName: string, grantId: string) => {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: GRANT_INDEX,
        KeyConditionExpression: '#grant = :grant',
        ExpressionAttributeNames: { '#grant': 'gsi2pk', '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':grant': grantKey(grantId) },
        ProjectionExpression: '#pk, #sk',
        Limit: PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    await deleteRecords(documents, tableName, keys);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
};
