import type { AttemptGuardStore, VersionedLockout } from './attempt-guard-store.ts';
import type { WindowSlot } from './fixed-window.ts';
import { EMPTY_LOCKOUT, lockedUntil } from './lockout.ts';

/** `AttemptGuardStore` in a Map, for unit tests and local tools; one process only. */
export const createInMemoryAttemptGuardStore = (): AttemptGuardStore => {
  const lockouts = new Map<string, VersionedLockout>();
  const counters = new Map<string, number>();
  return {
    readLockout: async (sub) => lockouts.get(sub) ?? { state: EMPTY_LOCKOUT, version: 0 },
    replaceLockout: async (sub, state, expectedVersion) => {
      if ((lockouts.get(sub)?.version ?? 0) !== expectedVersion) return false;
      lockouts.set(sub, { state: structuredClone(state), version: expectedVersion + 1 });
      return true;
    },
    takeCheck: async (sub, slots, nowMs) => {
      if (lockedUntil(lockouts.get(sub)?.state ?? EMPTY_LOCKOUT, nowMs) !== undefined)
        return { taken: false, locked: true };
      const keyOf = (slot: WindowSlot) => `${slot.counter}|${slot.windowSeconds}|${slot.windowStart}`;
      const spent = slots.find((slot) => (counters.get(keyOf(slot)) ?? 0) >= slot.max);
      if (spent) return { taken: false, locked: false, spent };
      for (const slot of slots) counters.set(keyOf(slot), (counters.get(keyOf(slot)) ?? 0) + 1);
      return { taken: true };
    },
  };
};
