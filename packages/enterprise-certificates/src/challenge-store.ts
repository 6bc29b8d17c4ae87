/** A challenge as stored between issue and use. */
export interface ChallengeRecord {
  /** Random, URL-safe; the only handle the browser holds. */
  readonly id: string;
  /** base64url. */
  readonly nonce: string;
  readonly origin: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Storage of sign-in challenges: the port a DynamoDB adapter implements. The rules (expiry, what a refusal means)
 * live in `challenge-issuer.ts`; a store holds only the writes, and never reads a clock.
 *
 * DynamoDB, method by method:
 * - `save`: `PutItem` with `ConditionExpression: attribute_not_exists(pk)` (ids are random, so the condition only
 *   guards against a bug), and a TTL attribute some minutes after `expiresAt` so that DynamoDB removes the item
 *   eventually. TTL deletion is lazy (up to days), which is why expiry is judged from `expiresAt`, never from the
 *   item's absence.
 * - `consume`: one `UpdateItem` `SET usedAt = :now` with `ConditionExpression: attribute_exists(pk) AND
 *   attribute_not_exists(usedAt)`, `ReturnValues: ALL_OLD` → the record. On `ConditionalCheckFailedException`, ask
 *   for `ReturnValuesOnConditionCheckFailure: ALL_OLD`: an item in the error means `'used'`, none means `'unknown'`.
 *   The single conditional write is what makes a challenge single-use under any concurrency: of two requests racing
 *   with the same id, exactly one update succeeds.
 * - Translate SDK errors at the adapter: throw the platform's storage error, never an SDK type.
 */
export interface ChallengeStore {
  /** Stores a newly issued challenge. */
  save(record: ChallengeRecord): Promise<void>;
  /**
   * Marks the challenge used and returns it as it was, atomically; `'used'` if it had been used already; `'unknown'`
   * if it was never saved or has been removed. Expiry is not judged here.
   */
  consume(id: string): Promise<ChallengeRecord | 'used' | 'unknown'>;
}

/**
 * The reference store: a Map, for tests, the local runtime and a single process. Used records are kept (as used) until
 * some time after expiry so that a replay says `'used'`, then swept on later writes to bound memory.
 */
export const createInMemoryChallengeStore = (options: { readonly now?: () => number } = {}): ChallengeStore => {
  const now = options.now ?? Date.now;
  const KEEP_AFTER_EXPIRY_MS = 10 * 60 * 1000;
  const records = new Map<string, { record: ChallengeRecord; used: boolean }>();
  const sweep = (): void => {
    for (const [id, { record }] of records) {
      if (record.expiresAt + KEEP_AFTER_EXPIRY_MS < now()) records.delete(id);
    }
  };
  return {
    save: async (record) => {
      sweep();
      if (records.has(record.id)) throw new Error(`challenge ${record.id} already exists`);
      records.set(record.id, { record, used: false });
    },
    consume: async (id) => {
      const entry = records.get(id);
      if (entry === undefined) return 'unknown';
      if (entry.used) return 'used';
      entry.used = true;
      return entry.record;
    },
  };
};
