import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor } from './list-cursor.ts';
import { RegistrationError } from './registration-error.ts';

describe('list cursors', () => {
  const position = { pk: 'PORTAL#a-portal', sk: 'PORTAL', gsi1pk: 'PORTALS', gsi1sk: 'portal#a-portal' };

  it('round-trip a listing position', () => {
    expect(decodeListCursor(encodeListCursor(position))).toEqual(position);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['another index partition', encodeListCursor({ ...position, gsi1pk: 'OIDC_UID#Session#x' })],
    ['extra attributes', encodeListCursor({ ...position, secret: 'x' })],
    ['a number where a key belongs', encodeListCursor({ ...position, sk: 1 })],
  ])('refuse %s', (_label, cursor) => {
    expect(() => decodeListCursor(cursor)).toThrow(RegistrationError);
  });
});
