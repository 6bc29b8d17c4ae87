import { describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('TtlCache', () => {
  it('serves a loaded value until its time is up, then loads again', async () => {
    const time = clock();
    const cache = new TtlCache<string, number>({ ttlMs: () => 1_000, maxEntries: 10, now: time.now });
    const load = vi.fn(async (key: string) => key.length);
    expect(await cache.get('abc', load)).toBe(3);
    time.advance(999);
    expect(await cache.get('abc', load)).toBe(3);
    expect(load).toHaveBeenCalledTimes(1);
    time.advance(1);
    expect(await cache.get('abc', load)).toBe(3);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps each value for the time its ttl function gives, and not at all for 0', async () => {
    const time = clock();
    const cache = new TtlCache<string, string | undefined>({
      ttlMs: (value) => (value === undefined ? 0 : 5_000),
      maxEntries: 10,
      now: time.now,
    });
    const load = vi.fn(async (key: string) => (key === 'missing' ? undefined : key));
    await cache.get('missing', load);
    await cache.get('missing', load);
    await cache.get('here', load);
    await cache.get('here', load);
    expect(load.mock.calls.map(([key]) => key)).toStrictEqual(['missing', 'missing', 'here']);
  });

  it('shares one load between concurrent callers of a key', async () => {
    const cache = new TtlCache<string, object>({ ttlMs: () => 1_000, maxEntries: 10 });
    let finish: (value: object) => void = () => {};
    const load = vi.fn(() => new Promise<object>((resolve) => (finish = resolve)));
    const first = cache.get('k', load);
    const second = cache.get('k', load);
    const value = {};
    finish(value);
    expect(await first).toBe(value);
    expect(await second).toBe(value);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never caches a failure', async () => {
    const cache = new TtlCache<string, number>({ ttlMs: () => 1_000, maxEntries: 10 });
    const load = vi.fn().mockRejectedValueOnce(new Error('storage down')).mockResolvedValueOnce(7);
    await expect(cache.get('k', load)).rejects.toThrow('storage down');
    expect(await cache.get('k', load)).toBe(7);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new TtlCache<number, number>({ ttlMs: () => 60_000, maxEntries: 3 });
    const load = vi.fn(async (key: number) => key * 2);
    for (const key of [1, 2, 3, 4]) await cache.get(key, load);
    expect(cache.size).toBe(3);
    await cache.get(1, load);
    expect(load).toHaveBeenCalledTimes(5);
    await cache.get(4, load);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('takes values known to be current with set, and forgets with delete', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: () => 1_000, maxEntries: 10 });
    const load = vi.fn(async () => 'loaded');
    cache.set('k', 'written');
    expect(await cache.get('k', load)).toBe('written');
    cache.delete('k');
    expect(await cache.get('k', load)).toBe('loaded');
  });

  it('refuses a size it can not keep', () => {
    expect(() => new TtlCache({ ttlMs: () => 1, maxEntries: 0 })).toThrow(TypeError);
  });
});
