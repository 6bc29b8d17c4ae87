import { IdempotencyPersistence } from './idempotency-persistence.ts';
import type { IdempotencyRecord, IdempotencyScope } from './idempotency-record.ts';

const keyOf = ({ departmentId, key }: IdempotencyScope) => `${departmentId}#${key}`;

/**
 * The three writes of the idempotency store over a Map, honouring their contracts (the rules are the base's): the
 * reference storage for tests of the rules and of the routes that use them. One process only, nothing durable.
 */
export class InMemoryIdempotencyPersistence extends IdempotencyPersistence {
  readonly records = new Map<string, IdempotencyRecord>();

  protected override async claimKey(record: IdempotencyRecord, nowMs: number) {
    const held = this.records.get(keyOf(record));
    const free =
      !held ||
      held.expiresAt * 1000 <= nowMs ||
      (held.status === 'in_progress' && (held.leaseExpiresAtMs ?? 0) <= nowMs);
    if (!free) return held;
    this.records.set(keyOf(record), record);
    return undefined;
  }

  protected override async saveResponse(record: IdempotencyRecord, lockToken: string) {
    const held = this.records.get(keyOf(record));
    if (held?.status !== 'in_progress' || held.lockToken !== lockToken) return false;
    this.records.set(keyOf(record), record);
    return true;
  }

  protected override async deleteClaim(scope: IdempotencyScope, lockToken: string) {
    if (this.records.get(keyOf(scope))?.lockToken === lockToken) this.records.delete(keyOf(scope));
  }
}
