import { type DocumentClient, QueryCommand, type QueryCommandOutput, translateStorageError } from '@platform/dynamodb';
import { decodeCursor, encodeCursor, type ListingIndex, parsePageSize } from './list-cursor.ts';
import { fromNoticeItem } from './notice-item.ts';
import { isNoticeStatus } from './notice-status.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import type { ListNoticesOptions, NoticePage } from './payment-notice-repository.ts';

/** Queries per page at most: a status filter over a long listing must not turn one request into a scan. */
const MAXIMUM_QUERIES_PER_PAGE = 5;

/**
 * One page of a listing index, newest first. `Limit` counts items read before the status filter, so a page is
 * filled by further queries, each reading no more than the page still lacks; the cursor is where reading stopped,
 * which is exact because no query reads past what the page can hold. A page may still come back short (cap above),
 * never wrong: its cursor goes on from where it stopped.
 */
export const queryNoticePage = async (
  documents: DocumentClient,
  tableName: string,
  index: ListingIndex,
  options: ListNoticesOptions,
): Promise<NoticePage> => {
  const limit = parsePageSize(options.limit);
  if (options.status !== undefined && !isNoticeStatus(options.status)) {
    throw new PaymentNoticeError('invalid_reference', { field: 'status', detail: 'status is not a notice status.' });
  }
  let startKey: Record<string, unknown> | undefined =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, index);
  const notices = [];
  for (let query = 0; query < MAXIMUM_QUERIES_PER_PAGE && notices.length < limit; query += 1) {
    const result: QueryCommandOutput = await documents
      .send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#partition = :partition',
          ...(options.status === undefined ? {} : { FilterExpression: '#status = :status' }),
          ExpressionAttributeNames: {
            '#partition': index.partitionAttribute,
            ...(options.status === undefined ? {} : { '#status': 'status' }),
          },
          ExpressionAttributeValues: {
            ':partition': index.partition,
            ...(options.status === undefined ? {} : { ':status': options.status }),
          },
          ScanIndexForward: false,
          Limit: limit - notices.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      )
      .catch(translateStorageError);
    notices.push(...(result.Items ?? []).map(fromNoticeItem));
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { notices, ...(startKey ? { nextCursor: encodeCursor(startKey) } : {}) };
};
