import { describe, expect, it } from 'vitest';
import { ExpiringMap } from './expiring-map.ts';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('ExpiringMap', () => {
  it('forgets an entry once its time is up', () => {
    const time = clock();
    const map = new ExpiringMap<string>({ maxEntries: 10, now: time.now });
    map.set('a', 'first', 1000);
    time.advance(999);
    expect(map.get('a')).toBe('first');
    time.advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('hands out a value only once with take', () => {
    const map = new ExpiringMap<string>({ maxEntries: 10 });
    map.set('a', 'once', 60_000);
    expect(map.take('a')).toBe('once');
    expect(map.take('a')).toBeUndefined();
    expect(map.take(undefined)).toBeUndefined();
  });

  it('stays within its bound: expired entries go first, then the oldest', () => {
    const time = clock();
    const map = new ExpiringMap<number>({ maxEntries: 3, now: time.now });
    map.set('short', 0, 10);
    map.set('old', 1, 60_000);
    map.set('newer', 2, 60_000);
    time.advance(10);
    map.set('fourth', 3, 60_000);
    expect([map.get('old'), map.get('newer'), map.get('fourth')]).toEqual([1, 2, 3]);
    map.set('fifth', 4, 60_000);
    expect(map.size).toBe(3);
    expect(map.get('old')).toBeUndefined();
    expect(map.get('fifth')).toBe(4);
  });

  it('deletes the live entries a predicate picks and counts them', () => {
    const time = clock();
    const map = new ExpiringMap<{ sub: string }>({ maxEntries: 10, now: time.now });
    map.set('1', { sub: 'a' }, 60_000);
    map.set('2', { sub: 'b' }, 60_000);
    map.set('3', { sub: 'a' }, 10);
    time.advance(10);
    expect(map.deleteWhere((value) => value.sub === 'a')).toBe(1);
    expect(map.has('2')).toBe(true);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new ExpiringMap({ maxEntries: 0 })).toThrow(RangeError);
  });
});
