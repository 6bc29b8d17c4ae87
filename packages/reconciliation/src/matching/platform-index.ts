import type { PlatformRecord, RecordKey } from './platform-record.ts';
import { recordKey, SETTLED_STATUSES } from './platform-record.ts';
import { keyHash, RecordKeyTable } from './record-key-table.ts';

/** A platform record that cannot take part in a run: a caller's bug, not a discrepancy. */
export class PlatformRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformRecordError';
  }
}

/**
 * The number the `count` digits of `text` from `at` write, or −1 when one of them is not an ASCII digit (or is past
 * the end: `charCodeAt` is then NaN).
 */
const digitsAt = (text: string, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to the date, proleptic Gregorian (H. Hinnant's `days_from_civil`). */
const epochDay = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

/**
 * Epoch ms of an ISO 8601 UTC instant. The canonical `toISOString` form (`YYYY-MM-DDTHH:mm:ss.sssZ`, what the stores
 * and parsers give) is read digit by digit with integer arithmetic, several times cheaper than `Date.parse` (or a
 * regular expression and `Date.UTC`), which a million records notice; anything else goes to `Date.parse`. An
 * impossible date (2026-02-30) is NaN either way, so the record is refused.
 */
const instantMs = (iso: string): number => {
  if (
    iso.length !== 24 ||
    iso.charCodeAt(4) !== 0x2d || // -
    iso.charCodeAt(7) !== 0x2d ||
    iso.charCodeAt(10) !== 0x54 || // T
    iso.charCodeAt(13) !== 0x3a || // :
    iso.charCodeAt(16) !== 0x3a ||
    iso.charCodeAt(19) !== 0x2e || // .
    iso.charCodeAt(23) !== 0x5a // Z
  ) {
    return Date.parse(iso);
  }
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 2);
  const day = digitsAt(iso, 8, 2);
  const hour = digitsAt(iso, 11, 2);
  const minute = digitsAt(iso, 14, 2);
  const second = digitsAt(iso, 17, 2);
  const ms = digitsAt(iso, 20, 3);
  if ((year | month | day | hour | minute | second | ms) < 0) return Date.parse(iso);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  // Arithmetic would roll an impossible date over (month 13, 30 February, hour 25): refuse it instead.
  if (month < 1 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return epochDay(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
};

/** Built only for an error: a million template strings would be much of the cost of loading the day. */
const describe = (record: PlatformRecord): string =>
  `${record.kind} ${record.orderNumber}${record.refundNumber ? `/${record.refundNumber}` : ''}`;

/** Records per batch of `load`: enough cache misses in flight to keep the memory busy, few enough to stay cached. */
const LOAD_BATCH = 64;

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

  /**
   * Adds every record of `source` (accepted `earliestMs` ≤ time < `latestMs`) as `add` would one by one, with the
   * same errors in the same order, a batch at a time: each batch's keys are hashed first and their slots read together
   * (`RecordKeyTable.warm`), so that their cache misses overlap. A synchronous source is read without an await.
   */
  async load(
    source: AsyncIterable<PlatformRecord> | Iterable<PlatformRecord>,
    earliestMs: number,
    latestMs: number,
  ): Promise<void> {
    const batch: PlatformRecord[] = [];
    let count = 0;
    if (Symbol.asyncIterator in source) {
      for await (const record of source) {
        batch[count] = record;
        count += 1;
        if (count === LOAD_BATCH) count = this.#addBatch(batch, count, earliestMs, latestMs);
      }
    } else {
      // Records are plain data, never promises: a synchronous source needs no await (and no microtask) per record.
      for (const record of source) {
        batch[count] = record;
        count += 1;
        if (count === LOAD_BATCH) count = this.#addBatch(batch, count, earliestMs, latestMs);
      }
    }
    this.#addBatch(batch, count, earliestMs, latestMs);
  }

  add(record: PlatformRecord, earliestMs: number, latestMs: number): void {
    this.#add(record, earliestMs, latestMs, undefined);
  }

  /** Adds the first `count` records of `batch`; answers 0, the batch's new length. */
  #addBatch(batch: readonly PlatformRecord[], count: number, earliestMs: number, latestMs: number): 0 {
    const hashes = this.#batchHashes;
    for (let i = 0; i < count; i += 1) {
      const record = batch[i] as PlatformRecord;
      const group = this.#groupOf(record.channel, record.kind, true);
      hashes[i] = keyHash(group, record.orderNumber, refundPart(record.kind, record.refundNumber));
    }
    this.#keys.warm(hashes, count);
    for (let i = 0; i < count; i += 1) this.#add(batch[i] as PlatformRecord, earliestMs, latestMs, hashes[i]);
    return 0;
  }

  readonly #batchHashes = new Int32Array(LOAD_BATCH);

  /** `hash`: the key's `keyHash` when the caller has it. */
  #add(record: PlatformRecord, earliestMs: number, latestMs: number, hash: number | undefined): void {
    const group = this.#groupOf(record.channel, record.kind, true);
    const refundNumber = refundPart(record.kind, record.refundNumber);
    const amountOk = Number.isSafeInteger(record.amountFen) && record.amountFen > 0;
    const at = instantMs(record.occurredAt);
    const atOk = !Number.isNaN(at) && at >= earliestMs && at < latestMs;
    // One hash of the key on the common path: checked and added at once. A refused record is checked on its own
    // first, so that a record both repeated and invalid is still reported as repeated.
    const row = amountOk && atOk ? this.#keys.add(group, record.orderNumber, refundNumber, hash) : -1;
    if (row < 0 && ((amountOk && atOk) || this.#keys.find(group, record.orderNumber, refundNumber, hash) >= 0)) {
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

  /**
   * `find` without building a key object: the per-line path of a statement. Statements and the platform's records
   * both come in time order as a rule, so the row after the last one found is tried first: comparing one key costs
   * far less than hashing it and reading a slot from anywhere in the table. A key is in one row only, so a match
   * there is the answer a hash lookup would give; any other line is looked up by its hash.
   */
  findLine(channel: string, kind: 'payment' | 'refund', orderNumber: string, refundNumber: string | undefined) {
    const group = this.#groupOf(channel, kind, false);
    if (group < 0) return undefined;
    const refund = refundPart(kind, refundNumber);
    const next = this.#nextRow;
    const row =
      next < this.#count && this.#keys.matches(next, group, orderNumber, refund)
        ? next
        : this.#keys.find(group, orderNumber, refund);
    if (row < 0) return undefined;
    this.#nextRow = row + 1;
    return row;
  }

  /** The row after the one `findLine` found last. */
  #nextRow = 0;

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
