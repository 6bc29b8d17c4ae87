import type { AttemptGuardStore, VersionedLockout } from './attempt-guard-store.ts';
import { EMPTY_LOCKOUT } from './lockout.ts';

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
    takeFromWindow: async (slot) => {
      const key = `${slot.counter}|${slot.windowSeconds}|${slot.windowStart}`;
      const count = counters.get(key) ?? 0;
      if (count >= slot.max) return false;
      counters.set(key, count + 1);
      return true;
    },
  };
};
