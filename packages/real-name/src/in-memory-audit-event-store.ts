import type { AuditEvent } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';

/** `AuditEventStore` in memory, for unit tests and local tools. */
export const createInMemoryAuditEventStore = (): AuditEventStore => {
  const bySubject = new Map<string, Map<string, AuditEvent>>();
  return {
    append: async (event) => {
      const events = bySubject.get(event.sub) ?? new Map<string, AuditEvent>();
      bySubject.set(event.sub, events);
      if (events.has(event.id)) return false;
      events.set(event.id, structuredClone(event));
      return true;
    },
    listNewestFirst: async (sub, { before, limit }) =>
      [...(bySubject.get(sub)?.values() ?? [])]
        .filter((event) => before === undefined || event.id < before)
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map((event) => structuredClone(event)),
  };
};
