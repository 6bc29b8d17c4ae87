import { isJsonObject } from './field-readers.ts';
import { PORTAL_LIST_PARTITION } from './portal-item.ts';
import { RegistrationError } from './registration-error.ts';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];

/** An opaque cursor for the next page of a listing: the index position DynamoDB returned, as base64url JSON. */
export const encodeListCursor = (lastEvaluatedKey: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');

/** Reads a cursor back, accepting only the shape `encodeListCursor` makes: a position in the listing, nothing else. */
export const decodeListCursor = (cursor: string): Record<string, string> => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    isJsonObject(key) &&
    Object.keys(key).length === KEY_ATTRIBUTES.length &&
    KEY_ATTRIBUTES.every((name) => typeof key[name] === 'string') &&
    key.gsi1pk === PORTAL_LIST_PARTITION;
  if (!valid) throw new RegistrationError('invalid_cursor', 'is not a cursor this listing returned', 'cursor');
  return key as Record<string, string>;
};
