import { describe, expect, it } from 'vitest';
import { createAttemptGuard } from './attempt-guard.ts';
import type { AttemptGuardStore } from './attempt-guard-store.ts';
import { LockedOutError, RateLimitedError } from './errors.ts';
import { createInMemoryAttemptGuardStore } from './in-memory-attempt-guard-store.ts';

const HOUR = 3_600_000;
/** 09:00 in Beijing: hourly windows start on the hour. */
const START = Date.parse('2025-03-03T01:00:00Z');

const setUp = (store: AttemptGuardStore = createInMemoryAttemptGuardStore()) => {
  let now = START;
  const guard = createAttemptGuard({
    store,
    networkIndex: (ip) => `net(${ip})`,
    limits: { perSubject: [{ windowSeconds: 3_600, max: 2 }], perIp: [{ windowSeconds: 3_600, max: 3 }] },
  });
  return {
    guard,
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
};

const refusal = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error) => error,
  );

describe('attempt guard', () => {
  it('locks after five failures, refuses while locked with the time it ends, and opens again after 24 h', async () => {
    const { guard, now, advance } = setUp();
    for (const left of [4, 3, 2, 1]) {
      expect(await guard.recordFailure('alice', now())).toEqual({ remainingAttempts: left });
      advance(HOUR);
    }
    const fifth = await guard.recordFailure('alice', now());
    expect(fifth).toEqual({ remainingAttempts: 0, lockedUntil: new Date(START + 4 * HOUR + 24 * HOUR) });

    advance(HOUR);
    const locked = await refusal(guard.assertNotLocked('alice', now()));
    expect(locked).toBeInstanceOf(LockedOutError);
    expect((locked as LockedOutError).until).toEqual(fifth.lockedUntil);
    expect((locked as LockedOutError).retryAfterSeconds).toBe(23 * 3_600);
    await expect(guard.assertNotLocked('bob', now())).resolves.toBeUndefined();
    // Taking a check refuses the same way, and counts nothing.
    const refused = await refusal(guard.takeCheck('registry', { sub: 'alice', ip: '10.0.0.9' }, now()));
    expect(refused).toBeInstanceOf(LockedOutError);
    expect((refused as LockedOutError).until).toEqual(fifth.lockedUntil);

    advance(23 * HOUR);
    await expect(guard.assertNotLocked('alice', now())).resolves.toBeUndefined();
  });

  it('lets failures older than the window fall out', async () => {
    const { guard, now, advance } = setUp();
    for (let i = 0; i < 4; i += 1) await guard.recordFailure('carol', now());
    advance(24 * HOUR + 1);
    expect(await guard.recordFailure('carol', now())).toEqual({ remainingAttempts: 4 });
  });

  it('counts concurrent failures of one subject one by one', async () => {
    const { guard, now } = setUp();
    const results = await Promise.all(Array.from({ length: 5 }, () => guard.recordFailure('dave', now())));
    expect(results.filter((result) => result.lockedUntil)).toHaveLength(1);
    await expect(guard.assertNotLocked('dave', now())).rejects.toBeInstanceOf(LockedOutError);
  });

  it('limits checks per subject, with the seconds to wait', async () => {
    const { guard, now, advance } = setUp();
    advance(15 * 60_000);
    await guard.takeCheck('registry', { sub: 'erin', ip: '10.0.0.1' }, now());
    await guard.takeCheck('registry', { sub: 'erin', ip: '10.0.0.2' }, now());
    const limited = await refusal(guard.takeCheck('registry', { sub: 'erin', ip: '10.0.0.3' }, now()));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ code: 'rate_limited', scope: 'subject', retryAfterSeconds: 45 * 60 });
    // Another kind of check has budgets of its own; a new hour a fresh one.
    await guard.takeCheck('carrier', { sub: 'erin', ip: '10.0.0.3' }, now());
    advance(45 * 60_000);
    await guard.takeCheck('registry', { sub: 'erin', ip: '10.0.0.3' }, now());
  });

  it('limits checks per IP network, across subjects', async () => {
    const { guard, now } = setUp();
    for (const sub of ['f1', 'f2', 'f3']) await guard.takeCheck('registry', { sub, ip: '192.0.2.7' }, now());
    await expect(guard.takeCheck('registry', { sub: 'f4', ip: '192.0.2.7' }, now())).rejects.toMatchObject({
      scope: 'ip',
      retryAfterSeconds: 3_600,
    });
    await guard.takeCheck('registry', { sub: 'f4', ip: '192.0.2.8' }, now());
  });

  it('refuses limits that make no sense, at construction', () => {
    const store = createInMemoryAttemptGuardStore();
    const networkIndex = (ip: string) => ip;
    expect(() =>
      createAttemptGuard({ store, networkIndex, limits: { perIp: [{ windowSeconds: 0, max: 1 }] } }),
    ).toThrow(TypeError);
    expect(() =>
      createAttemptGuard({
        store,
        networkIndex,
        limits: { lockout: { maxFailures: 0, windowSeconds: 1, lockSeconds: 1 } },
      }),
    ).toThrow(TypeError);
  });
});
