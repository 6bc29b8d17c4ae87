import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttemptGuardStore } from './attempt-guard-store.ts';
import { windowSlot } from './fixed-window.ts';
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

    it('counts up to the window maximum and no further, even when racing', async () => {
      const store = await makeStore();
      const slot = windowSlot(`registry:sub:${newSub()}`, { windowSeconds: 3_600, max: 3 }, new Date());
      const results = await Promise.all(Array.from({ length: 10 }, () => store.takeFromWindow(slot)));
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(await store.takeFromWindow(slot)).toBe(false);
    });

    it('keeps windows, lengths and counters apart', async () => {
      const store = await makeStore();
      const counter = `registry:ip:${newSub()}`;
      const now = new Date();
      const hour = windowSlot(counter, { windowSeconds: 3_600, max: 1 }, now);
      expect(await store.takeFromWindow(hour)).toBe(true);
      expect(await store.takeFromWindow(hour)).toBe(false);
      expect(await store.takeFromWindow(windowSlot(counter, { windowSeconds: 86_400, max: 1 }, now))).toBe(true);
      expect(
        await store.takeFromWindow({ ...hour, windowStart: hour.windowEnd, windowEnd: hour.windowEnd + 3_600 }),
      ).toBe(true);
      expect(await store.takeFromWindow({ ...hour, counter: `carrier:ip:${newSub()}` })).toBe(true);
    });
  });
};
