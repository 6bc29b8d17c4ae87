import { createLogger } from '@platform/logging';
import { describe, expect, it } from 'vitest';
import { describeAuditTrailContract } from './audit-trail.contract.ts';
import { createAuditTrail } from './audit-trail.ts';
import { createInMemoryAuditEventStore } from './in-memory-audit-event-store.ts';

describeAuditTrailContract('in memory', createInMemoryAuditEventStore);

describe('audit trail', () => {
  it('writes each event to the structured log once it is stored', async () => {
    const lines: string[] = [];
    const trail = createAuditTrail({
      store: createInMemoryAuditEventStore(),
      logger: createLogger({ write: (line) => lines.push(line) }),
    });
    const event = await trail.record({ type: 'lockout', sub: 's-1', until: '2025-03-04T01:00:00.000Z', failures: 5 });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'info', message: 'audit event', audit: event }),
    ]);
  });

  it('masks an ID number or phone number that another caller put in any field, but never the subject', async () => {
    const store = createInMemoryAuditEventStore();
    const trail = createAuditTrail({ store, logger: createLogger({ write: () => {} }) });
    const sub = 'x-13800000001-y';
    const event = await trail.record({
      type: 'account_linked',
      sub,
      method: 'id_name',
      maskedIdentifier: '110105199003070113',
      portal: 'portal for 13800000001',
    });
    expect(event).toMatchObject({ sub, maskedIdentifier: '110***********0113', portal: 'portal for 138****0001' });
    expect((await trail.listForSubject(sub)).events).toEqual([event]);
  });

  it('lists events of one millisecond in the order they were recorded', async () => {
    const trail = createAuditTrail({
      store: createInMemoryAuditEventStore(),
      logger: createLogger({ write: () => {} }),
    });
    const at = new Date('2025-03-03T01:00:00.000Z');
    for (let i = 0; i < 20; i += 1)
      await trail.record({ type: 'sign_in', sub: 's-2', portal: `p${i}`, methods: ['sms'] }, at);
    const { events } = await trail.listForSubject('s-2', { limit: 100 });
    expect(events.map((event) => event.portal)).toEqual(Array.from({ length: 20 }, (_, i) => `p${19 - i}`));
  });

  it('refuses an event without a subject', async () => {
    const trail = createAuditTrail({ store: createInMemoryAuditEventStore() });
    await expect(trail.record({ type: 'sign_in', sub: '', methods: ['sms'] })).rejects.toBeInstanceOf(TypeError);
  });
});
