/**
 * A map that forgets its oldest entry beyond `capacity`. Caches here hold what users send (intermediate
 * certificates, CRLs), so they must not grow without bound when someone sends many distinct ones.
 */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

export const createBoundedCache = <V>(capacity: number): BoundedCache<V> => {
  const entries = new Map<string, V>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
  };
};
