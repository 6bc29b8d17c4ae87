import type { AuditEvent } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';

/** `AuditEventStore` in memory, for unit tests and local tools. */
export const createInMemoryAuditEventStore = (): AuditEventStore => {
  const bySubject = new Map<string, Map<string, AuditEvent>>();
  const trailOf = (sub: string) => {
    const events = bySubject.get(sub) ?? new Map<string, AuditEvent>();
    bySubject.set(sub, events);
    return events;
  };
  const appendAll = async (events: readonly AuditEvent[]) => {
    const ids = events.map((event) => `${event.sub}\n${event.id}`);
    if (new Set(ids).size < ids.length || events.some((event) => trailOf(event.sub).has(event.id))) return false;
    for (const event of events) trailOf(event.sub).set(event.id, structuredClone(event));
    return true;
  };
  return {
    append: (event) => appendAll([event]),
    appendAll,
    listNewestFirst: async (sub, { before, limit }) =>
      [...(bySubject.get(sub)?.values() ?? [])]
        .filter((event) => before === undefined || event.id < before)
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map((event) => structuredClone(event)),
  };
};
