import { Problem } from '@platform/http';
import { describe, expect, it } from 'vitest';
import { parseListQuery } from './list-query.ts';

const refusal = (query: Record<string, string>) => {
  try {
    parseListQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    return error as Problem;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
};

describe('listing query', () => {
  it('defaults to nothing: the store applies its page size', () => {
    expect(parseListQuery()).toEqual({});
    expect(parseListQuery({})).toEqual({});
  });

  it('takes limit 1 to 100, status and cursor', () => {
    expect(parseListQuery({ limit: '1' })).toEqual({ limit: 1 });
    expect(parseListQuery({ limit: '100', status: 'cancelled', cursor: 'abc' })).toEqual({
      limit: 100,
      status: 'cancelled',
      cursor: 'abc',
    });
  });

  it.each(['0', '101', '-1', '1.5', '1e2', ' 5', '5 ', 'ten', '', '0x10', '1,2', '0100'])(
    'refuses limit=%j with 400 invalid_limit on field limit',
    (limit) => {
      expect(refusal({ limit })).toMatchObject({ status: 400, code: 'invalid_limit', field: 'limit' });
    },
  );

  it.each(['paid,issued', 'ISSUED', 'open', ''])('refuses status=%j with 400 invalid_status', (status) => {
    expect(refusal({ status })).toMatchObject({ status: 400, code: 'invalid_status', field: 'status' });
  });

  it('refuses an empty cursor with 400 invalid_cursor; other cursors are checked by the store', () => {
    expect(refusal({ cursor: '' })).toMatchObject({ status: 400, code: 'invalid_cursor', field: 'cursor' });
  });
});
