import type { PlatformRecord, RecordKey } from './platform-record.ts';
import { recordKey } from './platform-record.ts';

/** A platform record that cannot take part in a run: a caller's bug, not a discrepancy. */
export class PlatformRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformRecordError';
  }
}

const SEPARATOR = '\u0000';
const memberKey = (key: RecordKey): string =>
  key.kind === 'payment' ? key.orderNumber : `${key.orderNumber}${SEPARATOR}${key.refundNumber ?? ''}`;

/**
 * The platform's records of one run, held in memory as columns: one `Map` from key to row, typed arrays for the
 * numbers, interned strings for departments, item codes and statuses. About 100 bytes a record, so a
 * day of a million records fits in a Lambda's memory where a million objects would not. Nothing of the statement is
 * kept: `seen` marks the rows a statement line has claimed.
 */
export class PlatformIndex {
  /**
   * By channel and kind, then by the order number (payments) or order and refund number (refunds): the common case
   * keys on the record's own order-number string, with no key built and kept per record.
   */
  private readonly groups = new Map<string, Map<string, number>>();
  private count = 0;
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private capacity = 1024;
  private amountFen = new Float64Array(this.capacity);
  private occurredAtMs = new Float64Array(this.capacity);
  private status = new Uint32Array(this.capacity);
  private department = new Uint32Array(this.capacity);
  private item = new Uint32Array(this.capacity);
  private seenFlags = new Uint8Array(this.capacity);

  get size(): number {
    return this.count;
  }

  add(record: PlatformRecord, earliestMs: number, latestMs: number): void {
    const what = `${record.kind} ${record.orderNumber}${record.refundNumber ? `/${record.refundNumber}` : ''}`;
    const group = this.group(record, true);
    const inGroup = memberKey(record);
    if (group.has(inGroup)) throw new PlatformRecordError(`Platform ${what} is given twice.`);
    if (!Number.isSafeInteger(record.amountFen) || record.amountFen <= 0) {
      throw new PlatformRecordError(`Platform ${what}: amount ${record.amountFen} is not a positive integer of fen.`);
    }
    const at = Date.parse(record.occurredAt);
    if (Number.isNaN(at) || at < earliestMs || at >= latestMs) {
      throw new PlatformRecordError(`Platform ${what}: ${record.occurredAt} is outside the business day and window.`);
    }
    const row = this.count;
    if (row === this.capacity) this.grow();
    group.set(inGroup, row);
    this.count += 1;
    this.amountFen[row] = record.amountFen;
    this.occurredAtMs[row] = at;
    this.status[row] = this.intern(record.status);
    this.department[row] = this.intern(record.departmentId);
    this.item[row] = this.intern(record.itemCode);
  }

  find(key: RecordKey): number | undefined {
    return this.group(key, false)?.get(memberKey(key));
  }

  /** Marks the row as claimed by a statement line. Answers false when it already was (a duplicate line). */
  claim(row: number): boolean {
    if (this.seenFlags[row] === 1) return false;
    this.seenFlags[row] = 1;
    return true;
  }

  row(row: number) {
    return {
      amountFen: this.amountFen[row] ?? 0,
      occurredAtMs: this.occurredAtMs[row] ?? 0,
      status: this.strings[this.status[row] ?? 0] ?? '',
      departmentId: this.strings[this.department[row] ?? 0] ?? '',
      itemCode: this.strings[this.item[row] ?? 0] ?? '',
    };
  }

  /** The rows no statement line claimed, sorted by key so that every run reports them in the same order. */
  unclaimed(): { readonly key: RecordKey; readonly row: number }[] {
    const found: { key: RecordKey; row: number; sortKey: string }[] = [];
    for (const [name, group] of this.groups) {
      const [channel, kind] = name.split(SEPARATOR) as [RecordKey['channel'], RecordKey['kind']];
      for (const [member, row] of group) {
        if (this.seenFlags[row] === 1) continue;
        const [orderNumber = '', refundNumber] = member.split(SEPARATOR);
        const key: RecordKey = { channel, kind, orderNumber, ...(refundNumber === undefined ? {} : { refundNumber }) };
        found.push({ key, row, sortKey: recordKey(key) });
      }
    }
    return found
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map(({ key, row }) => ({ key, row }));
  }

  private group(key: RecordKey, create: true): Map<string, number>;
  private group(key: RecordKey, create: false): Map<string, number> | undefined;
  private group(key: RecordKey, create: boolean): Map<string, number> | undefined {
    const name = `${key.channel}${SEPARATOR}${key.kind}`;
    let group = this.groups.get(name);
    if (group === undefined && create) {
      group = new Map();
      this.groups.set(name, group);
    }
    return group;
  }

  private intern(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIds.set(text, id);
    }
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.capacity);
      next.set(old);
      return next;
    };
    this.amountFen = widen(this.amountFen, (n) => new Float64Array(n));
    this.occurredAtMs = widen(this.occurredAtMs, (n) => new Float64Array(n));
    this.status = widen(this.status, (n) => new Uint32Array(n));
    this.department = widen(this.department, (n) => new Uint32Array(n));
    this.item = widen(this.item, (n) => new Uint32Array(n));
    this.seenFlags = widen(this.seenFlags, (n) => new Uint8Array(n));
  }
}
