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

const orderNumber = (i: number) => `ORD${String(i).padStart(9, '0')}`;
const amountFen = (i: number) => 1_000 + (i % 9_000);
const START_MS = businessDayBounds(BENCH_DATE).startMs;
const at = (i: number, lines: number) =>
  new Date(START_MS + 60_000 + Math.floor((i * 80_000_000) / lines)).toISOString();

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
