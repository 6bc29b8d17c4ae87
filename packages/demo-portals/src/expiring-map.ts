export interface ExpiringMapOptions {
  /** When full, expired entries go first, then the oldest ones: memory stays bounded whatever callers do. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * An in-memory map whose entries expire and whose size is bounded: the demo portals' store for login transactions,
 * sessions and seen logout-token ids. A real portal would keep sessions in a shared store; one process is enough here.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: ExpiringMapOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1)
      throw new RangeError('maxEntries must be a positive integer');
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#sweep();
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  get(key: string | undefined): V | undefined {
    if (key === undefined) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string | undefined): boolean {
    return this.get(key) !== undefined;
  }

  /** Gets and removes in one step: for values that may be used only once. */
  take(key: string | undefined): V | undefined {
    const value = this.get(key);
    if (key !== undefined) this.#entries.delete(key);
    return value;
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Removes every live entry the predicate picks and says how many. */
  deleteWhere(predicate: (value: V) => boolean): number {
    let deleted = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > this.#now() && predicate(entry.value)) {
        this.#entries.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
