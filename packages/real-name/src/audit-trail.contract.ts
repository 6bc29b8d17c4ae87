import { randomBytes } from 'node:crypto';
import { createLogger } from '@platform/logging';
import { describe, expect, it } from 'vitest';
import type { AuditEventInput } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';
import { createAuditTrail, InvalidAuditCursorError } from './audit-trail.ts';

/**
 * The audit trail over an `AuditEventStore` adapter: append-only, newest first, cursor pagination, one subject's
 * trail only. Run by the unit tests (in memory) and the integration tests (DynamoDB Local).
 */
export const describeAuditTrailContract = (
  name: string,
  makeStore: () => AuditEventStore | Promise<AuditEventStore>,
) => {
  const newSub = () => randomBytes(12).toString('base64url');
  const T0 = Date.parse('2025-03-03T01:00:00.000Z');
  const trailOf = async () => createAuditTrail({ store: await makeStore(), logger: createLogger({ write: () => {} }) });
  const signIn = (sub: string, portal: string): AuditEventInput => ({ type: 'sign_in', sub, portal, methods: ['sms'] });

  describe(`audit trail contract: ${name}`, () => {
    it('returns an event as recorded, with an id that sorts by time', async () => {
      const trail = await trailOf();
      const sub = newSub();
      const event = await trail.record(
        { type: 'data_release', sub, portal: 'tax-portal', claims: ['citizen_id', 'name'], scopes: ['openid', 'id'] },
        new Date(T0),
      );
      expect(event).toMatchObject({ type: 'data_release', sub, at: '2025-03-03T01:00:00.000Z' });
      expect(event.id).toMatch(/^2025-03-03T01:00:00\.000Z#[0-9A-Z]{16}$/);
      expect((await trail.listForSubject(sub)).events).toEqual([event]);
    });

    it('lists newest first, page by page, with a cursor that ends on the last page', async () => {
      const trail = await trailOf();
      const sub = newSub();
      for (let i = 0; i < 7; i += 1) await trail.record(signIn(sub, `portal-${i}`), new Date(T0 + i * 1_000));
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await trail.listForSubject(sub, { limit: 3, ...(cursor ? { cursor } : {}) });
        pages.push(page.events.map((event) => event.portal ?? ''));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual([['portal-6', 'portal-5', 'portal-4'], ['portal-3', 'portal-2', 'portal-1'], ['portal-0']]);
      const exact = await trail.listForSubject(sub, { limit: 7 });
      expect(exact.events).toHaveLength(7);
      expect(exact.nextCursor).toBeUndefined();
    });

    it('keeps every subject to their own trail, whatever cursor is passed', async () => {
      const trail = await trailOf();
      const [alice, bob] = [newSub(), newSub()];
      await trail.record(signIn(alice, 'a1'), new Date(T0));
      await trail.record(signIn(alice, 'a2'), new Date(T0 + 1));
      await trail.record(signIn(bob, 'b1'), new Date(T0 + 2));
      const alicePage = await trail.listForSubject(alice, { limit: 1 });
      const bobWithAliceCursor = await trail.listForSubject(bob, { cursor: alicePage.nextCursor ?? '' });
      expect(bobWithAliceCursor.events.map((event) => event.sub)).toEqual([]);
      expect((await trail.listForSubject(bob)).events.map((event) => event.portal)).toEqual(['b1']);
    });

    it('keeps events of one millisecond apart, never overwriting one with another', async () => {
      const trail = await trailOf();
      const sub = newSub();
      await Promise.all(Array.from({ length: 10 }, (_, i) => trail.record(signIn(sub, `p${i}`), new Date(T0))));
      expect((await trail.listForSubject(sub, { limit: 100 })).events).toHaveLength(10);
    });

    it('records several events of one moment in one write, in order, and never over an existing one', async () => {
      const store = await makeStore();
      const trail = createAuditTrail({ store, logger: createLogger({ write: () => {} }) });
      const sub = newSub();
      const events = await trail.recordAll([signIn(sub, 'first'), signIn(sub, 'second')], new Date(T0));
      expect(events.map((event) => event.portal)).toEqual(['first', 'second']);
      expect((events[0]?.id ?? '') < (events[1]?.id ?? '')).toBe(true);
      expect((await trail.listForSubject(sub)).events).toEqual([...events].reverse());

      const [taken] = events;
      const fresh = { ...signIn(sub, 'third'), id: `${new Date(T0 + 1).toISOString()}#${'0'.repeat(16)}` };
      expect(await store.appendAll([{ ...fresh, at: new Date(T0 + 1).toISOString() } as never, taken as never])).toBe(
        false,
      );
      expect((await trail.listForSubject(sub)).events).toHaveLength(2);
    });

    it('refuses a cursor it did not hand out, and limits out of range', async () => {
      const trail = await trailOf();
      await expect(trail.listForSubject(newSub(), { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(
        InvalidAuditCursorError,
      );
      await expect(trail.listForSubject(newSub(), { limit: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(trail.listForSubject(newSub(), { limit: 101 })).rejects.toBeInstanceOf(RangeError);
    });
  });
};
