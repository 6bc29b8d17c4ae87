import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type ListingIndex, parsePageSize } from './list-cursor.ts';

const index: ListingIndex = {
  indexName: 'gsi1',
  partitionAttribute: 'gsi1pk',
  sortAttribute: 'gsi1sk',
  partition: 'DEPT#bj-public-security',
};
const noticeId = 'AAAAAAAAAAAAAAAAAAAAAA';
const lastKey = {
  pk: `NOTICE#${noticeId}`,
  sk: 'NOTICE',
  gsi1pk: 'DEPT#bj-public-security',
  gsi1sk: `2025-03-01T02:00:00.000Z#${noticeId}`,
};
const invalidCursor = expect.objectContaining({ code: 'invalid_cursor', field: 'cursor' });

describe('list cursors', () => {
  it('round-trip a LastEvaluatedKey as opaque base64url', () => {
    const cursor = encodeCursor(lastKey);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, index)).toEqual(lastKey);
  });

  it("refuse another listing's cursor: it would open a page of someone else's partition", () => {
    const foreign = encodeCursor({ ...lastKey, gsi1pk: 'DEPT#another' });
    expect(() => decodeCursor(foreign, index)).toThrow(invalidCursor);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['an array', encodeCursor([] as unknown as Record<string, unknown>)],
    ['an extra attribute', encodeCursor({ ...lastKey, extra: 'x' })],
    ['a number where a string belongs', encodeCursor({ ...lastKey, sk: 1 })],
    ['another item kind', encodeCursor({ ...lastKey, sk: 'EVENT#00000001' })],
    ['a sort key of another notice', encodeCursor({ ...lastKey, gsi1sk: '2025-03-01T02:00:00.000Z#other' })],
    ['a malformed notice id', encodeCursor({ ...lastKey, pk: 'NOTICE#x', gsi1sk: '2025#x' })],
    ['too long', 'A'.repeat(2_000)],
  ])('refuse %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, index)).toThrow(invalidCursor);
  });

  it('refuse non-strings', () => {
    expect(() => decodeCursor(42, index)).toThrow(invalidCursor);
  });
});

describe('page size', () => {
  it('defaults to 20 and allows 1 to 100', () => {
    expect(parsePageSize(undefined)).toBe(20);
    expect(parsePageSize(1)).toBe(1);
    expect(parsePageSize(100)).toBe(100);
    for (const limit of [0, 101, 1.5, '10']) {
      expect(() => parsePageSize(limit)).toThrow(expect.objectContaining({ code: 'invalid_limit' }));
    }
  });
});
