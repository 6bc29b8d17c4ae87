import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { businessDayBounds, SANDBOX_STATEMENT_HEADER, sandboxFeeFen } from '@platform/payment-channels';
import type { PlatformRecord } from '@platform/reconciliation';

/**
 * A business day of `lines` sandbox payments: the statement as a file on disk, and the platform's records generated
 * on the fly (as they would stream from the settled index). Seeded per thousand with one overage (a line with no
 * record), one amount mismatch and one shortage (a record with no line).
 */
export const BENCH_DATE = '2026-03-01';

const amountFen = (i: number) => 1_000 + (i % 9_000);
const START_MS = businessDayBounds(BENCH_DATE).startMs;
const DAY_MS = 86_400_000;
/** The character code of the decimal digit of `value` worth `unit`. */
const digit = (value: number, unit: number) => 48 + (Math.floor(value / unit) % 10);
/**
 * `ORD` and `i` in nine digits (`ORD000012345`), written as one fresh string: the read copies each order number out
 * of the response once, with no number, padded and prefixed strings made on the way.
 */
const orderNumber = (i: number) =>
  String.fromCharCode(
    0x4f, // O
    0x52, // R
    0x44, // D
    digit(i, 100_000_000),
    digit(i, 10_000_000),
    digit(i, 1_000_000),
    digit(i, 100_000),
    digit(i, 10_000),
    digit(i, 1_000),
    digit(i, 100),
    digit(i, 10),
    digit(i, 1),
  );
/** `YYYY-MM-DD` of the UTC day last formatted, and that day's number. */
let dateText = '';
let dateDay = Number.NaN;

/**
 * `new Date(ms).toISOString()`, written as one fresh string of character codes. The settled-index read never formats
 * a time: it copies each record's `settledAt` text out of the response, a fresh string like this one. Formatting a
 * `Date` per record cost more than everything the index then does with the record, and was counted against
 * reconciling.
 */
const isoOf = (ms: number): string => {
  const day = Math.floor(ms / DAY_MS);
  if (day !== dateDay) {
    dateText = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateDay = day;
  }
  const t = ms - day * DAY_MS;
  const date = dateText;
  return String.fromCharCode(
    date.charCodeAt(0),
    date.charCodeAt(1),
    date.charCodeAt(2),
    date.charCodeAt(3),
    date.charCodeAt(4),
    date.charCodeAt(5),
    date.charCodeAt(6),
    date.charCodeAt(7),
    date.charCodeAt(8),
    date.charCodeAt(9),
    0x54, // T
    digit(t, 36_000_000),
    digit(t, 3_600_000),
    0x3a, // :
    digit(t % 3_600_000, 600_000),
    digit(t, 60_000),
    0x3a,
    digit(t % 60_000, 10_000),
    digit(t, 1_000),
    0x2e, // .
    digit(t, 100),
    digit(t, 10),
    digit(t, 1),
    0x5a, // Z
  );
};
const at = (i: number, lines: number) => isoOf(START_MS + 60_000 + Math.floor((i * 80_000_000) / lines));

export const writeStatementFile = async (path: string, lines: number): Promise<number> => {
  const out = createWriteStream(path);
  let batch = `${SANDBOX_STATEMENT_HEADER}\n`;
  let bytes = 0;
  for (let i = 0; i < lines; i += 1) {
    const fen = amountFen(i);
    batch += `payment,${orderNumber(i)},,sbx_${i},${fen},${sandboxFeeFen(fen)},${at(i, lines)}\n`;
    if (i % 2_000 === 1_999 || i === lines - 1) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
};

const DEPARTMENTS = Array.from({ length: 50 }, (_, i) => `DEPT-${i}`);
const ITEMS = Array.from({ length: 400 }, (_, i) => `ITEM-${i}`);

/** As a page of the settled index would give them: plain objects, strings shared where the store shares them. */
export function* platformRecords(lines: number): Generator<PlatformRecord> {
  for (let i = 0; i < lines; i += 1) {
    if (i % 1_000 === 1) continue;
    const record: PlatformRecord = {
      channel: 'sandbox',
      kind: 'payment',
      orderNumber: orderNumber(i),
      amountFen: amountFen(i) + (i % 1_000 === 3 ? 1 : 0),
      status: 'paid',
      departmentId: DEPARTMENTS[i % 50] as string,
      itemCode: ITEMS[i % 400] as string,
      occurredAt: at(i, lines),
    };
    yield record;
    if (i % 1_000 === 2) yield { ...record, orderNumber: `SHT${String(i).padStart(9, '0')}` };
  }
}
