import { beforeAll, describe, expect, it } from 'vitest';
import { cachedKeySet } from './cached-key-set.ts';
import { createKeySet } from './create-key-set.ts';
import type { KeySet } from './key-set.ts';
import { rotateKeySet } from './rotate-key-set.ts';

describe('cachedKeySet', () => {
  let first: KeySet;
  let second: KeySet;
  beforeAll(async () => {
    first = await createKeySet(new Date('2026-01-01T00:00:00Z'));
    second = await rotateKeySet(first, new Date('2026-01-02T00:00:00Z'), { retentionSeconds: 3_600 });
  });

  const setup = (answers: (() => Promise<KeySet>)[]) => {
    let now = 0;
    let reads = 0;
    const store = {
      load: () => {
        const answer = answers[Math.min(reads, answers.length - 1)];
        reads += 1;
        return answer ? answer() : Promise.reject(new Error('no answer'));
      },
    };
    const get = cachedKeySet(store, 300_000, () => now);
    const advance = (ms: number) => {
      now += ms;
    };
    return { get, reads: () => reads, advance };
  };

  it('reads the store once per TTL, then picks up a rotation', async () => {
    const { get, reads, advance } = setup([async () => first, async () => second]);
    expect(await get()).toBe(first);
    advance(299_999);
    expect(await get()).toBe(first);
    expect(reads()).toBe(1);
    advance(1);
    expect(await get()).toEqual(second);
    expect(reads()).toBe(2);
  });

  it('returns the same object while the stored set is unchanged, so a Provider is rebuilt only on change', async () => {
    const { get, advance } = setup([async () => first, async () => structuredClone(first)]);
    const before = await get();
    advance(300_000);
    expect(await get()).toBe(before);
  });

  it('shares one read among concurrent callers', async () => {
    const { get, reads } = setup([async () => first]);
    const sets = await Promise.all([get(), get(), get()]);
    expect(reads()).toBe(1);
    expect(new Set(sets).size).toBe(1);
  });

  it('serves the last good set when a refresh fails, and tries the store again 30 s later', async () => {
    const { get, reads, advance } = setup([
      async () => first,
      () => Promise.reject(new Error('throttled')),
      async () => second,
    ]);
    await get();
    advance(300_000);
    expect(await get()).toBe(first);
    advance(29_999);
    expect(await get()).toBe(first);
    expect(reads()).toBe(2);
    advance(1);
    expect(await get()).toEqual(second);
  });

  it('throws when the very first read fails, and tries again on the next call', async () => {
    const { get } = setup([() => Promise.reject(new Error('no access')), async () => first]);
    await expect(get()).rejects.toThrow('no access');
    expect(await get()).toBe(first);
  });

  it('rejects a negative TTL', () => {
    expect(() => cachedKeySet({ load: async () => first }, -1)).toThrow(RangeError);
  });
});
