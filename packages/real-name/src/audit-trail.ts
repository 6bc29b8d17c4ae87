import { randomBytes } from 'node:crypto';
import { createLogger, type Logger, maskPersonalData } from '@platform/logging';
import type { AuditEvent, AuditEventInput } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';

export interface AuditPage {
  /** Newest first. */
  readonly events: readonly AuditEvent[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface AuditTrail {
  /** Appends the event at `at` (default now) and writes it to the structured log; returns it as recorded. */
  record(event: AuditEventInput, at?: Date): Promise<AuditEvent>;
  /** Several events of one moment (a check and what it caused), in order, in one write: all of them or none. */
  recordAll(events: readonly AuditEventInput[], at?: Date): Promise<AuditEvent[]>;
  /**
   * One page of the subject's trail, newest first. `limit` 1–100, default 20. A cursor from another subject's page
   * reads this subject's trail only: the subject is the partition, the cursor only a position in it.
   */
  listForSubject(sub: string, options?: { readonly cursor?: string; readonly limit?: number }): Promise<AuditPage>;
}

export interface AuditTrailOptions {
  readonly store: AuditEventStore;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export class InvalidAuditCursorError extends Error {
  readonly code = 'invalid_cursor';
  readonly status = 400;

  constructor() {
    super('The cursor is not one this trail handed out.');
    this.name = 'InvalidAuditCursorError';
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `<ISO 8601 UTC with milliseconds>#<16 Crockford base32 characters>`: sorts by time, then randomly. */
const EVENT_ID = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{16}$/;

/** 80 random bits: two events of one subject in one millisecond collide once in 2^40 pairs. */
const randomDigits = (): number[] => Array.from(randomBytes(16), (byte) => byte & 31);

/** The next value of 16 base-32 digits; wraps to fresh random digits in the (2^-80) case it would overflow. */
const increment = (digits: readonly number[]): number[] => {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    next[i] = ((next[i] ?? 0) + 1) % 32;
    if (next[i] !== 0) return next;
  }
  return randomDigits();
};

/**
 * Event ids as ULIDs make them: within one millisecond, one trail increments the previous random part instead of
 * drawing a new one, so that the events one request records in one millisecond (a check, then the lockout it caused)
 * list in the order they happened. Across processes, events of one millisecond order arbitrarily.
 */
const createIdGenerator = () => {
  let last: { time: string; digits: number[] } | undefined;
  return (at: Date): string => {
    const time = at.toISOString();
    const digits = last && last.time === time ? increment(last.digits) : randomDigits();
    last = { time, digits };
    return `${time}#${digits.map((digit) => CROCKFORD[digit]).join('')}`;
  };
};

export const encodeAuditCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

export const decodeAuditCursor = (cursor: string): string => {
  const id = typeof cursor === 'string' && cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!EVENT_ID.test(id)) throw new InvalidAuditCursorError();
  return id;
};

/**
 * Every string in the event through the log masker, whatever field it is in: the events come from other teams'
 * code too, and a full ID number or phone number must not reach a store that is kept for years.
 */
const masked = <T>(value: T): T => {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map(masked) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, masked(inner)])) as T;
  }
  return value;
};

const APPEND_ATTEMPTS = 3;

export const createAuditTrail = (options: AuditTrailOptions): AuditTrail => {
  const { store } = options;
  const logger = options.logger ?? createLogger({ fields: { component: 'audit-trail' } });
  const now = options.now ?? (() => new Date());
  const nextId = createIdGenerator();

  const cleaned = (input: AuditEventInput) => {
    if (typeof input.sub !== 'string' || input.sub.length === 0) throw new TypeError('An audit event needs a sub.');
    // `sub` keys the partition: it is opaque, and masking it could file the event under another subject.
    return { ...masked(input), sub: input.sub };
  };

  const recordAll = async (inputs: readonly AuditEventInput[], at = now()): Promise<AuditEvent[]> => {
    const clean = inputs.map(cleaned);
    for (let attempt = 1; ; attempt += 1) {
      const events = clean.map((input) => ({ ...input, id: nextId(at), at: at.toISOString() }) as AuditEvent);
      const [only] = events;
      if (await (events.length === 1 && only ? store.append(only) : store.appendAll(events))) {
        for (const event of events) logger.info('audit event', { audit: event });
        return events;
      }
      if (attempt >= APPEND_ATTEMPTS) throw new Error('Could not find a free audit event id.');
    }
  };

  return {
    record: async (input, at = now()) => (await recordAll([input], at))[0] as AuditEvent,
    recordAll,
    listForSubject: async (sub, { cursor, limit = 20 } = {}) => {
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be from 1 to 100.');
      const before = cursor === undefined ? undefined : decodeAuditCursor(cursor);
      // One more than asked: whether it comes back says whether there is a next page, with no empty last page.
      const events = await store.listNewestFirst(sub, { ...(before ? { before } : {}), limit: limit + 1 });
      const page = events.slice(0, limit);
      const last = page.at(-1);
      return events.length > limit && last
        ? { events: page, nextCursor: encodeAuditCursor(last.id) }
        : { events: page };
    },
  };
};
