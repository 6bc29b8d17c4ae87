import type { KeySet } from './key-set.ts';
import type { KeySetStore } from './key-set-store.ts';

/** After a failed refresh, the store is tried again this soon (or after `ttlMs`, if shorter). */
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * For a Lambda: reads the store at most once per `ttlMs` across warm invocations, so a rotation reaches running
 * functions within `ttlMs` without a store read (and a KMS decrypt) per request. Keep `ttlMs` well below the
 * rotation's `minimumNextAgeSeconds`, so every warm function publishes a `next` key before any function signs
 * with it.
 *
 * Resolves with the same object until the stored set changes, so a caller can rebuild its oidc-provider
 * `Provider` only when `set !== previous`. If a refresh fails, the last good set is served and the store is
 * tried again after 30 s: keys valid a minute ago still are, and sign-in should not stop because the store
 * blinked. With no set loaded yet, the error is thrown (and the next call tries again).
 */
export const cachedKeySet = (
  store: Pick<KeySetStore, 'load'>,
  ttlMs: number,
  clock: () => number = Date.now,
): (() => Promise<KeySet>) => {
  if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new RangeError('ttlMs must be a non-negative number');
  let cached: { set: KeySet; serialised: string } | undefined;
  let refreshAt = 0;
  let inFlight: Promise<KeySet> | undefined;

  const refresh = async (): Promise<KeySet> => {
    try {
      const set = await store.load();
      const serialised = JSON.stringify(set);
      if (cached?.serialised !== serialised) cached = { set, serialised };
      refreshAt = clock() + ttlMs;
      return cached.set;
    } catch (error) {
      if (!cached) throw error;
      refreshAt = clock() + Math.min(ttlMs, RETRY_AFTER_FAILURE_MS);
      return cached.set;
    } finally {
      inFlight = undefined;
    }
  };

  return () => {
    if (cached && clock() < refreshAt) return Promise.resolve(cached.set);
    // One read shared by concurrent callers.
    inFlight ??= refresh();
    return inFlight;
  };
};
