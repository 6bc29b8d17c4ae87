import { businessDayBounds, SANDBOX_STATEMENT_HEADER, sandboxFeeFen } from '@platform/payment-channels';
import type { PlatformRecord } from '../matching/platform-record.ts';
import { type ReconciliationResult, reconcile } from '../matching/reconcile.ts';
import { parseSandboxStatement } from '../statement/sandbox-statement-parser.ts';

/**
 * A day of `lines` sandbox payments, generated on the fly on both sides (neither the file nor the records are ever
 * whole in memory), seeded per thousand with one overage, one amount mismatch and one shortage. Samples the heap
 * while the statement streams.
 */
export const SCALE_DATE = '2025-03-01';

const orderNumber = (i: number) => `ORD${String(i).padStart(9, '0')}`;
const amountFen = (i: number) => 1_000 + (i % 9_000);

export interface ScaleRun {
  readonly result: ReconciliationResult;
  readonly elapsedMs: number;
  readonly linesPerSecond: number;
  readonly peakHeapBytes: number;
  readonly discrepancies: number;
}

export const runScale = async (lines: number): Promise<ScaleRun> => {
  const { startMs } = businessDayBounds(SCALE_DATE);
  const at = (i: number) => new Date(startMs + 60_000 + Math.floor((i * 80_000_000) / lines)).toISOString();
  let peakHeapBytes = 0;
  const sample = () => {
    peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
  };
  async function* csv(): AsyncGenerator<Uint8Array> {
    let batch = `${SANDBOX_STATEMENT_HEADER}\n`;
    for (let i = 0; i < lines; i += 1) {
      const fen = amountFen(i);
      batch += `payment,${orderNumber(i)},,sbx_${i},${fen},${sandboxFeeFen(fen)},${at(i)}\n`;
      if (i % 1_000 === 999) {
        yield Buffer.from(batch);
        batch = '';
        if (i % 10_000 === 9_999) sample();
      }
    }
    yield Buffer.from(batch);
  }
  function* platform(): Generator<PlatformRecord> {
    for (let i = 0; i < lines; i += 1) {
      if (i % 1_000 === 1) continue; // overage
      const record: PlatformRecord = {
        channel: 'sandbox',
        kind: 'payment',
        orderNumber: orderNumber(i),
        amountFen: amountFen(i) + (i % 1_000 === 3 ? 1 : 0), // amount mismatch
        status: 'paid',
        departmentId: `DEPT-${i % 50}`,
        itemCode: `ITEM-${i % 400}`,
        occurredAt: at(i),
      };
      yield record;
      if (i % 1_000 === 2) yield { ...record, orderNumber: `SHT${String(i).padStart(9, '0')}` }; // shortage
      if (i % 10_000 === 0) sample();
    }
  }
  sample();
  const started = performance.now();
  let discrepancies = 0;
  const result = await reconcile({
    businessDate: SCALE_DATE,
    windowMinutes: 10,
    statement: parseSandboxStatement(csv()),
    platformRecords: platform(),
    onDiscrepancy: () => {
      discrepancies += 1;
    },
  });
  sample();
  const elapsedMs = performance.now() - started;
  return { result, elapsedMs, linesPerSecond: Math.round((lines / elapsedMs) * 1000), peakHeapBytes, discrepancies };
};

export const expectedScaleCounts = (lines: number) => {
  const perThousand = Math.floor(lines / 1_000);
  return {
    matched: lines - 2 * perThousand,
    overage: perThousand,
    shortage: perThousand,
    amount_mismatch: perThousand,
    status_mismatch: 0,
  };
};
