import { beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import type { KeySet } from './key-set.ts';
import { formatAge, summariseKeySet } from './key-set-summary.ts';
import { rotateKeySet } from './rotate-key-set.ts';

describe('summariseKeySet', () => {
  let set: KeySet;
  beforeAll(async () => {
    const created = await createKeySet(new Date('2026-01-01T00:00:00Z'));
    set = await rotateKeySet(created, new Date('2026-01-05T00:00:00Z'), { retentionSeconds: 86_400 });
  });

  it('lists kid, algorithm, state and ages of every key, current keys first', () => {
    const lines = summariseKeySet(set, new Date('2026-01-05T06:00:00Z'));
    expect(lines[0]).toMatch(/^alg\s+state\s+kid\s+created\s+activated\s+retired$/);
    expect(lines[1]).toMatch(/^ES256\s+current\s+\S{43}\s+4d 6h ago\s+6h ago\s+-$/);
    for (const key of set.keys) expect(lines.some((line) => line.includes(key.kid))).toBe(true);
    expect(lines.at(-1)).toBe('cookie keys: 3 (ages, newest first: 6h ago, 4d 6h ago, 4d 6h ago)');
  });

  it('never prints private key material or cookie key values', () => {
    const text = summariseKeySet(set, new Date()).join('\n');
    for (const key of set.keys) {
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
        const value = key.privateJwk[member];
        if (value) expect(text).not.toContain(value);
      }
    }
    for (const key of set.cookieKeys) expect(text).not.toContain(key.value);
  });
});

describe('formatAge', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  it.each([
    ['2026-01-10T00:00:00Z', 'just now'],
    ['2026-01-09T23:59:15Z', '45s ago'],
    ['2026-01-09T22:30:00Z', '1h 30m ago'],
    ['2026-01-07T00:00:00Z', '3d ago'],
    ['2026-01-06T20:59:00Z', '3d 3h ago'],
  ])('%s → %s', (instant, expected) => {
    expect(formatAge(now, instant)).toBe(expected);
  });
});
