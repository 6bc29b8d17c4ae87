import { isNoticeId } from './notice-id.ts';
import { NOTICE_SK } from './notice-item-keys.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

/** Where a listing query runs: the index, its key attribute names, and the partition value of this listing. */
export interface ListingIndex {
  readonly indexName: string;
  readonly partitionAttribute: string;
  readonly sortAttribute: string;
  readonly partition: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAXIMUM_PAGE_SIZE = 100;
const MAXIMUM_CURSOR_LENGTH = 1_024;

/** The opaque cursor handed to API clients: base64url of the query's `LastEvaluatedKey`. */
export const encodeCursor = (lastEvaluatedKey: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');

const invalid = () => new PaymentNoticeError('invalid_cursor', { field: 'cursor' });

/**
 * Back to an `ExclusiveStartKey`, refusing anything this listing could not have produced: a cursor is client
 * input, and one from another department's or payer's listing must not open a page of theirs (it would start
 * mid-way into a partition the caller may not read).
 */
export const decodeCursor = (cursor: unknown, index: ListingIndex): Record<string, string> => {
  if (typeof cursor !== 'string' || cursor.length > MAXIMUM_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid();
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  const names = new Set(['pk', 'sk', index.partitionAttribute, index.sortAttribute]);
  if (
    entries.length !== names.size ||
    !entries.every(([name, value]) => names.has(name) && typeof value === 'string')
  ) {
    throw invalid();
  }
  const fields = key as Record<string, string>;
  const noticeId = fields.pk?.startsWith('NOTICE#') ? fields.pk.slice('NOTICE#'.length) : '';
  const sortKey = fields[index.sortAttribute] ?? '';
  if (
    !isNoticeId(noticeId) ||
    fields.sk !== NOTICE_SK ||
    fields[index.partitionAttribute] !== index.partition ||
    !sortKey.endsWith(`#${noticeId}`)
  ) {
    throw invalid();
  }
  return fields;
};

export const parsePageSize = (limit: unknown): number => {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAXIMUM_PAGE_SIZE) {
    throw new PaymentNoticeError('invalid_limit', { field: 'limit' });
  }
  return limit;
};
