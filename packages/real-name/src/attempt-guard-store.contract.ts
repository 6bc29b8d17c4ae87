import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttemptGuardStore } from './attempt-guard-store.ts';
import { type WindowSlot, windowSlot } from './fixed-window.ts';
import { EMPTY_LOCKOUT } from './lockout.ts';

/**
 * The behaviour every `AttemptGuardStore` adapter must have, concurrency included. Run by the unit tests against the
 * in-memory store and by the integration tests against DynamoDB Local.
 */
export const describeAttemptGuardStoreContract = (
  name: string,
  makeStore: () => AttemptGuardStore | Promise<AttemptGuardStore>,
): void => {
  const newSub = () => randomBytes(12).toString('base64url');
  const expiresAt = Math.ceil(Date.now() / 1000) + 86_400;

  describe(`AttemptGuardStore contract: ${name}`, () => {
    it('reads an unknown subject as empty, version 0', async () => {
      const store = await makeStore();
      expect(await store.readLockout(newSub())).toEqual({ state: EMPTY_LOCKOUT, version: 0 });
    });

    it('replaces a state only at the version read', async () => {
      const store = await makeStore();
      const sub = newSub();
      expect(await store.replaceLockout(sub, { failures: [1] }, 0, expiresAt)).toBe(true);
      expect(await store.replaceLockout(sub, { failures: [2] }, 0, expiresAt)).toBe(false);
      expect(await store.replaceLockout(sub, { failures: [1, 3], lockedUntil: 9 }, 1, expiresAt)).toBe(true);
      expect(await store.replaceLockout(sub, { failures: [] }, 1, expiresAt)).toBe(false);
      expect(await store.readLockout(sub)).toEqual({ state: { failures: [1, 3], lockedUntil: 9 }, version: 2 });
    });

    it('lets exactly one of concurrent replacements at one version win', async () => {
      const store = await makeStore();
      const sub = newSub();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.replaceLockout(sub, { failures: [i] }, 0, expiresAt)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    /** One check of a subject of its own in `slots`, as the guard takes it; true when it was counted. */
    const take = async (store: AttemptGuardStore, ...slots: WindowSlot[]) =>
      (await store.takeCheck(newSub(), slots, Date.now())).taken;

    it('counts up to the window maximum and no further, even when racing', async () => {
      const store = await makeStore();
      const slot = windowSlot(`registry:sub:${newSub()}`, { windowSeconds: 3_600, max: 3 }, new Date());
      const results = await Promise.all(Array.from({ length: 10 }, () => take(store, slot)));
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(await store.takeCheck(newSub(), [slot], Date.now())).toEqual({ taken: false, locked: false, spent: slot });
    });

    it('keeps windows, lengths and counters apart', async () => {
      const store = await makeStore();
      const counter = `registry:ip:${newSub()}`;
      const now = new Date();
      const hour = windowSlot(counter, { windowSeconds: 3_600, max: 1 }, now);
      expect(await take(store, hour)).toBe(true);
      expect(await take(store, hour)).toBe(false);
      expect(await take(store, windowSlot(counter, { windowSeconds: 86_400, max: 1 }, now))).toBe(true);
      expect(await take(store, { ...hour, windowStart: hour.windowEnd, windowEnd: hour.windowEnd + 3_600 })).toBe(true);
      expect(await take(store, { ...hour, counter: `carrier:ip:${newSub()}` })).toBe(true);
    });

    it('counts a check in all its windows or in none', async () => {
      const store = await makeStore();
      const now = new Date();
      const open = windowSlot(`registry:sub:${newSub()}`, { windowSeconds: 3_600, max: 1 }, now);
      const spent = windowSlot(`registry:ip:${newSub()}`, { windowSeconds: 3_600, max: 1 }, now);
      expect(await take(store, spent)).toBe(true);
      expect(await store.takeCheck(newSub(), [open, spent], now.getTime())).toEqual({
        taken: false,
        locked: false,
        spent,
      });
      // The refused check left the open window as it was.
      expect(await take(store, open)).toBe(true);
    });

    it('refuses a locked subject and counts nothing, until the lock is over', async () => {
      const store = await makeStore();
      const sub = newSub();
      const nowMs = Date.now();
      const slot = windowSlot(`registry:sub:${sub}`, { windowSeconds: 3_600, max: 1 }, new Date(nowMs));
      expect(await store.replaceLockout(sub, { failures: [], lockedUntil: nowMs + 1_000 }, 0, expiresAt)).toBe(true);
      expect(await store.takeCheck(sub, [slot], nowMs)).toEqual({ taken: false, locked: true });
      expect(await store.takeCheck(sub, [slot], nowMs + 1_000)).toEqual({ taken: true });
      // Failures alone do not lock.
      const other = newSub();
      expect(await store.replaceLockout(other, { failures: [nowMs] }, 0, expiresAt)).toBe(true);
      expect((await store.takeCheck(other, [], nowMs)).taken).toBe(true);
    });
  });
};
