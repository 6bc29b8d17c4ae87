import type { AuditEvent } from './audit-event.ts';

/**
 * Storage of the audit trail: append and read, nothing else — no update, no delete, on purpose. The rules (ids,
 * masking, pagination, logging) are `createAuditTrail`'s; an adapter holds only the writes.
 *
 * Implementations: `createDynamoDbAuditEventStore`, `createInMemoryAuditEventStore`; both pass
 * `audit-trail.contract.ts`.
 */
export interface AuditEventStore {
  /** Writes the event if no event of its subject has its id, and says whether it did. Never overwrites. */
  append(event: AuditEvent): Promise<boolean>;
  /** The same for several events (of any subjects), in one atomic write: all of them, or none when one id is taken. */
  appendAll(events: readonly AuditEvent[]): Promise<boolean>;
  /** The subject's events with an id below `before` (all when absent), newest first, at most `limit`. */
  listNewestFirst(sub: string, options: { readonly before?: string; readonly limit: number }): Promise<AuditEvent[]>;
}
