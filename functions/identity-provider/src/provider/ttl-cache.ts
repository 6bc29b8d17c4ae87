/**
 * A small in-process cache for read-mostly records (portal metadata, accounts): each entry lives a fixed time,
 * concurrent loads of one key share one read, failures are never cached, and the number of entries is bounded
 * (the oldest go first) so that a flood of distinct keys can not grow memory.
 */
export interface TtlCacheOptions<V> {
  /** How long a loaded value is served, in milliseconds, by value; 0 or less: not kept. */
  readonly ttlMs: (value: V) => number;
  /** At most this many entries; beyond it the oldest are dropped. */
  readonly maxEntries: number;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
}

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

export class TtlCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #loading = new Map<K, Promise<V>>();
  readonly #ttlMs: (value: V) => number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TtlCacheOptions<V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new TypeError('TtlCache: `maxEntries` must be a positive integer');
    }
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** The cached value if it has not expired, else `load(key)` (shared with any load of that key in flight). */
  get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.#now()) return Promise.resolve(entry.value);
      this.#entries.delete(key);
    }
    const inFlight = this.#loading.get(key);
    if (inFlight) return inFlight;
    const loading = load(key).then(
      (value) => {
        this.#loading.delete(key);
        this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.#loading.delete(key);
        throw error;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }

  /** Stores a value known to be current (e.g. just written), for its TTL. */
  set(key: K, value: V): void {
    const ttl = this.#ttlMs(value);
    this.#entries.delete(key);
    if (!(ttl > 0)) return;
    this.#entries.set(key, { value, expiresAt: this.#now() + ttl });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
