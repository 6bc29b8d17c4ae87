import { beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import { KeySetInvalidError } from './errors.ts';
import type { KeySet } from './key-set.ts';
import { parseKeySet } from './parse-key-set.ts';

describe('parseKeySet', () => {
  let set: KeySet;
  let json: Record<string, unknown> & { keys: Record<string, unknown>[]; cookieKeys: Record<string, unknown>[] };
  beforeAll(async () => {
    set = await createKeySet(new Date('2026-01-01T00:00:00Z'));
  });
  const fresh = () => {
    json = JSON.parse(JSON.stringify(set));
    return json;
  };

  it('accepts a key set read back from JSON', () => {
    expect(parseKeySet(fresh())).toEqual(set);
  });

  it.each([
    ['not an object', () => 'key set'],
    ['another schema version', () => ({ ...fresh(), version: 2 })],
    ['keys missing', () => ({ ...fresh(), keys: undefined })],
    ['an unknown algorithm', () => edit(0, { alg: 'HS256' })],
    ['an unknown state', () => edit(0, { state: 'active' })],
    ['a bad date', () => edit(0, { createdAt: 'yesterday' })],
    ['an RSA key under ES256', () => edit(0, { privateJwk: fresh().keys[2]?.privateJwk })],
    ['a public key only', () => edit(0, { privateJwk: { ...(fresh().keys[0]?.privateJwk as object), d: undefined } })],
    ['two current ES256 keys', () => edit(1, { state: 'current' })],
    ['a retired key without retiredAt', () => edit(1, { state: 'retired' })],
    [
      'a duplicate kid',
      () => ({
        ...fresh(),
        keys: [...json.keys, { ...json.keys[0], state: 'retired', retiredAt: '2026-01-01T00:00:00Z' }],
      }),
    ],
    [
      'a short cookie key',
      () => ({ ...fresh(), cookieKeys: [{ value: 'c2hvcnQ', createdAt: '2026-01-01T00:00:00Z' }] }),
    ],
    ['no cookie key', () => ({ ...fresh(), cookieKeys: [] })],
  ])('rejects %s', (_, document) => {
    expect(() => parseKeySet(document())).toThrow(KeySetInvalidError);
  });

  const edit = (index: number, change: Record<string, unknown>) => {
    const document = fresh();
    document.keys[index] = { ...document.keys[index], ...change };
    return document;
  };
});
