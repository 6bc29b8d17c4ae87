import type { PlatformRecord, RecordKey } from './platform-record.ts';
import { recordKey, SETTLED_STATUSES } from './platform-record.ts';
import { RecordKeyTable } from './record-key-table.ts';

/** A platform record that cannot take part in a run: a caller's bug, not a discrepancy. */
export class PlatformRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformRecordError';
  }
}

const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;

/**
 * Epoch ms of an ISO 8601 UTC instant. The canonical `toISOString` form (what the stores and parsers give) is read
 * digit by digit, about three times cheaper than `Date.parse`, which a million records notice; anything else goes to
 * `Date.parse`. An impossible date (2026-02-30) is NaN either way, so the record is refused.
 */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const instantMs = (iso: string): number => {
  if (!CANONICAL_ISO.test(iso)) return Date.parse(iso);
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const month = digit(iso, 5) * 10 + digit(iso, 6);
  const day = digit(iso, 8) * 10 + digit(iso, 9);
  const hour = digit(iso, 11) * 10 + digit(iso, 12);
  const minute = digit(iso, 14) * 10 + digit(iso, 15);
  const second = digit(iso, 17) * 10 + digit(iso, 18);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  // Date.UTC would roll an impossible date over (month 13, 30 February, hour 25): refuse it instead.
  if (month < 1 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    digit(iso, 20) * 100 + digit(iso, 21) * 10 + digit(iso, 22),
  );
};

/** Built only for an error: a million template strings would be much of the cost of loading the day. */
const describe = (record: PlatformRecord): string =>
  `${record.kind} ${record.orderNumber}${record.refundNumber ? `/${record.refundNumber}` : ''}`;

/** A payment's key has no refund number; a refund's always has one (empty when missing). */
const refundPart = (kind: string, refundNumber: string | undefined): string | undefined =>
  kind === 'payment' ? undefined : (refundNumber ?? '');

/**
 * The platform's records of one run, held in memory as columns: the keys in an open-addressing table over typed
 * arrays (`RecordKeyTable`), typed arrays for the numbers, interned strings for departments, item codes and statuses.
 * About 80 bytes a record, none of them a JS object, so a day of a million records fits in a Lambda's memory and the
 * garbage collector has nothing of it to walk. Nothing of the statement is kept: `seen` marks the rows a statement
 * line has claimed.
 */
export class PlatformIndex {
  /** Keys by group: one group per (channel, kind), numbered in the order they first appear. */
  readonly #keys = new RecordKeyTable();
  readonly #groupIds = new Map<string, number>();
  readonly #groupChannel: RecordKey['channel'][] = [];
  readonly #groupKind: RecordKey['kind'][] = [];
  #count = 0;
  readonly #strings: string[] = [];
  readonly #stringIds = new Map<string, number>();
  /** Per interned string: 1 when it is one of `SETTLED_STATUSES`, so a line's check is an array read. */
  #settled = new Uint8Array(16);
  #capacity = 1024;
  #amountFen = new Float64Array(this.#capacity);
  #occurredAtMs = new Float64Array(this.#capacity);
  #status = new Uint32Array(this.#capacity);
  #department = new Uint32Array(this.#capacity);
  #item = new Uint32Array(this.#capacity);
  #seenFlags = new Uint8Array(this.#capacity);

  get size(): number {
    return this.#count;
  }

  add(record: PlatformRecord, earliestMs: number, latestMs: number): void {
    const group = this.#groupOf(record.channel, record.kind, true);
    const refundNumber = refundPart(record.kind, record.refundNumber);
    const amountOk = Number.isSafeInteger(record.amountFen) && record.amountFen > 0;
    const at = instantMs(record.occurredAt);
    const atOk = !Number.isNaN(at) && at >= earliestMs && at < latestMs;
    // One hash of the key on the common path: checked and added at once. A refused record is checked on its own
    // first, so that a record both repeated and invalid is still reported as repeated.
    const row = amountOk && atOk ? this.#keys.add(group, record.orderNumber, refundNumber) : -1;
    if (row < 0 && ((amountOk && atOk) || this.#keys.find(group, record.orderNumber, refundNumber) >= 0)) {
      throw new PlatformRecordError(`Platform ${describe(record)} is given twice.`);
    }
    if (!amountOk) {
      throw new PlatformRecordError(
        `Platform ${describe(record)}: amount ${record.amountFen} is not a positive integer of fen.`,
      );
    }
    if (!atOk) {
      throw new PlatformRecordError(
        `Platform ${describe(record)}: ${record.occurredAt} is outside the business day and window.`,
      );
    }
    if (row === this.#capacity) this.#grow();
    this.#count = row + 1;
    this.#amountFen[row] = record.amountFen;
    this.#occurredAtMs[row] = at;
    this.#status[row] = this.#intern(record.status);
    this.#department[row] = this.#intern(record.departmentId);
    this.#item[row] = this.#intern(record.itemCode);
  }

  find(key: RecordKey): number | undefined {
    return this.findLine(key.channel, key.kind, key.orderNumber, key.refundNumber);
  }

  /** `find` without building a key object: the per-line path of a statement. */
  findLine(channel: string, kind: 'payment' | 'refund', orderNumber: string, refundNumber: string | undefined) {
    const group = this.#groupOf(channel, kind, false);
    if (group < 0) return undefined;
    const row = this.#keys.find(group, orderNumber, refundPart(kind, refundNumber));
    return row < 0 ? undefined : row;
  }

  amountAt(row: number): number {
    return this.#amountFen[row] ?? 0;
  }

  statusAt(row: number): string {
    return this.#strings[this.#status[row] ?? 0] ?? '';
  }

  /** Whether the row's status is one of `SETTLED_STATUSES`, without a set lookup. */
  settledAt(row: number): boolean {
    return this.#settled[this.#status[row] ?? 0] === 1;
  }

  /**
   * The department's and item code's numbers among the index's strings (0, 1, 2…, shared by both): equal numbers,
   * equal strings, so a caller can keep per-department data in an array.
   */
  departmentNumberAt(row: number): number {
    return this.#department[row] ?? 0;
  }

  itemCodeNumberAt(row: number): number {
    return this.#item[row] ?? 0;
  }

  departmentAt(row: number): string {
    return this.#strings[this.#department[row] ?? 0] ?? '';
  }

  itemCodeAt(row: number): string {
    return this.#strings[this.#item[row] ?? 0] ?? '';
  }

  /** Marks the row as claimed by a statement line. Answers false when it already was (a duplicate line). */
  claim(row: number): boolean {
    if (this.#seenFlags[row] === 1) return false;
    this.#seenFlags[row] = 1;
    return true;
  }

  row(row: number) {
    return {
      amountFen: this.#amountFen[row] ?? 0,
      occurredAtMs: this.#occurredAtMs[row] ?? 0,
      status: this.#strings[this.#status[row] ?? 0] ?? '',
      departmentId: this.#strings[this.#department[row] ?? 0] ?? '',
      itemCode: this.#strings[this.#item[row] ?? 0] ?? '',
    };
  }

  /** The rows no statement line claimed, sorted by key so that every run reports them in the same order. */
  unclaimed(): { readonly key: RecordKey; readonly row: number }[] {
    const found: { key: RecordKey; row: number; sortKey: string }[] = [];
    for (let row = 0; row < this.#count; row += 1) {
      if (this.#seenFlags[row] === 1) continue;
      const group = this.#keys.groupAt(row);
      const channel = this.#groupChannel[group] as RecordKey['channel'];
      const kind = this.#groupKind[group] as RecordKey['kind'];
      const orderNumber = this.#keys.orderNumberAt(row);
      const key: RecordKey =
        kind === 'payment'
          ? { channel, kind, orderNumber }
          : { channel, kind, orderNumber, refundNumber: this.#keys.refundNumberAt(row) };
      found.push({ key, row, sortKey: recordKey(key) });
    }
    return found
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map(({ key, row }) => ({ key, row }));
  }

  // Records and lines come in long runs of one channel and kind: the last group is kept, sparing a key string and a
  // lookup per record.
  #lastChannel = '';
  #lastKind = '';
  #lastGroup = -1;

  /** The group's number, or −1 when it has none and `create` is false. */
  #groupOf(channel: string, kind: string, create: boolean): number {
    if (this.#lastGroup >= 0 && channel === this.#lastChannel && kind === this.#lastKind) return this.#lastGroup;
    const name = `${channel}\u0000${kind}`;
    let group = this.#groupIds.get(name);
    if (group === undefined) {
      if (!create) return -1;
      group = this.#groupIds.size;
      if (group > 0xffff) throw new PlatformRecordError('More than 65,536 channels and kinds in one run.');
      this.#groupIds.set(name, group);
      this.#groupChannel.push(channel as RecordKey['channel']);
      this.#groupKind.push(kind as RecordKey['kind']);
    }
    this.#lastChannel = channel;
    this.#lastKind = kind;
    this.#lastGroup = group;
    return group;
  }

  #intern(text: string): number {
    let id = this.#stringIds.get(text);
    if (id === undefined) {
      id = this.#strings.length;
      this.#strings.push(text);
      this.#stringIds.set(text, id);
      if (id === this.#settled.length) {
        const wider = new Uint8Array(id * 2);
        wider.set(this.#settled);
        this.#settled = wider;
      }
      this.#settled[id] = SETTLED_STATUSES.has(text) ? 1 : 0;
    }
    return id;
  }

  #grow(): void {
    this.#capacity *= 2;
    const widen = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.#capacity);
      next.set(old);
      return next;
    };
    this.#amountFen = widen(this.#amountFen, (n) => new Float64Array(n));
    this.#occurredAtMs = widen(this.#occurredAtMs, (n) => new Float64Array(n));
    this.#status = widen(this.#status, (n) => new Uint32Array(n));
    this.#department = widen(this.#department, (n) => new Uint32Array(n));
    this.#item = widen(this.#item, (n) => new Uint32Array(n));
    this.#seenFlags = widen(this.#seenFlags, (n) => new Uint8Array(n));
  }
}
