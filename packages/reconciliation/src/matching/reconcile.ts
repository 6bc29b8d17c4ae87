import { createHash } from 'node:crypto';
import { businessDayBounds } from '@platform/payment-channels';
import type { StatementLine } from '../statement/statement-line.ts';
import { PlatformIndex } from './platform-index.ts';
import { type PlatformRecord, type RecordKey, recordKey, SETTLED_STATUSES } from './platform-record.ts';
import {
  classNumber,
  OUTCOME_CLASSES,
  type OutcomeClass,
  type TotalsBreakdown,
  TotalsTally,
  UNKNOWN,
} from './totals.ts';

/**
 * The matching engine: a streaming hash join of one business day's statement against the platform's records.
 *
 * The platform side (bounded: one day's payments and refunds, plus the window either side) is loaded first into a
 * compact index keyed by (channel, kind, order number, refund number). The statement then streams through, a small
 * batch of lines at a time (see `splitLines`), and only discrepancies leave the loop (`onDiscrepancy`); matched lines
 * only add to the totals. Memory is the index plus one chunk of the file, however long the statement.
 *
 * Each statement line ends in one class:
 * - `matched`: a platform record with the same key, money moved on both sides (payment `paid`, `partially_refunded`
 *   or `refunded`; refund `succeeded`) and the same amount;
 * - `overage`: no platform record (`not_on_platform`), or a second line for a key already claimed (`duplicate`);
 * - `status_mismatch`: the record exists but the platform does not consider the money moved (a payment `pending`,
 *   `cancelled` or `closed`, a refund `processing` or `failed`). Checked before the amount;
 * - `amount_mismatch`: the record exists and is settled, the amounts differ.
 * Each settled platform record no line claimed is then, by its own time `t` (day = [start, end), w = window):
 * - t in [start, end − w): `shortage` (`not_on_statement`);
 * - t in [end − w, end): not a discrepancy yet but `deferred`: paid just before midnight, the channel may book it on
 *   the next day. The next day's run gets these keys back (`deferredFromPreviousDay`);
 * - t in [start − w, start): a `shortage` if the previous run deferred it, else ignored (that run matched it);
 * - t in [end, end + w): ignored (the next run's business).
 * Unsettled records no line claimed are expected nowhere and are not reported.
 *
 * A statement line dated outside [start − w, end + w) means the statement is not this day's: the run stops with
 * `StatementWrongDayError`, since a wrong file is an operator's error and not a discrepancy to work. Any error
 * (this one, or a `StatementFormatError`/`StatementHashMismatchError` from the parser) ends the run without a result:
 * discrepancies already passed to `onDiscrepancy` must be discarded.
 *
 * Determinism: given the same statement bytes and the same set of platform records (in any order), the
 * discrepancies come out in the same order (statement lines in file order, then shortages sorted by key) and the
 * `runDigest` (SHA-256 over the parameters, the statement hash, every discrepancy, the deferred keys and the totals)
 * is the same.
 */
export const ENGINE_VERSION = 'reconciliation-engine/2';

export interface Discrepancy {
  readonly class: Exclude<OutcomeClass, 'matched'>;
  readonly reason: 'not_on_platform' | 'duplicate' | 'not_on_statement' | 'status' | 'amount';
  readonly key: RecordKey;
  /** The statement's side: absent for shortages. */
  readonly statement?: {
    readonly lineNumber: number;
    readonly channelReference: string;
    readonly amountFen: number;
    readonly feeFen: number;
    readonly occurredAt: string;
  };
  /** The platform's side: absent for overages without a record. */
  readonly platform?: {
    readonly amountFen: number;
    readonly status: string;
    readonly departmentId: string;
    readonly itemCode: string;
    readonly occurredAt: string;
  };
}

export interface ReconcileInput {
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  readonly businessDate: string;
  /** How far either side of the day platform records are given and statement lines accepted. 0–720. */
  readonly windowMinutes: number;
  /** The statement's lines in file order, in batches (as the parsers give them, see `splitLines`). */
  readonly statement: AsyncIterable<readonly StatementLine[]>;
  /** The settled and unsettled payments and refunds of the day, and of the window either side. */
  readonly platformRecords: AsyncIterable<PlatformRecord> | Iterable<PlatformRecord>;
  /** `deferred` of the previous business day's run. */
  readonly deferredFromPreviousDay?: Iterable<RecordKey>;
  /** The hash of the statement file, read once the statement has been consumed (see `digestingBody`). */
  readonly statementSha256?: () => string;
  /** Called for every line or record that is not `matched`, in a deterministic order, and awaited. */
  readonly onDiscrepancy?: (discrepancy: Discrepancy) => void | Promise<void>;
}

export interface ReconciliationResult {
  readonly engine: string;
  readonly businessDate: string;
  readonly windowMinutes: number;
  readonly statementSha256?: string;
  readonly statementLines: number;
  readonly platformRecords: number;
  readonly counts: Readonly<Record<OutcomeClass, number>>;
  /** Settled records of the last `windowMinutes` of the day that no line claimed: for the next day's run. */
  readonly deferred: readonly RecordKey[];
  readonly totals: TotalsBreakdown;
  readonly runDigest: string;
}

export class StatementWrongDayError extends Error {
  readonly lineNumber: number;
  readonly occurredAt: string;
  readonly businessDate: string;

  constructor(line: StatementLine, businessDate: string, windowMinutes: number) {
    super(
      `Statement line ${line.lineNumber} is dated ${line.occurredAt}, outside business day ${businessDate} ` +
        `(Asia/Shanghai) and its ${windowMinutes}-minute window: not this day's statement.`,
    );
    this.name = 'StatementWrongDayError';
    this.lineNumber = line.lineNumber;
    this.occurredAt = line.occurredAt;
    this.businessDate = businessDate;
  }
}

const MATCHED = classNumber('matched');
const OVERAGE = classNumber('overage');
const AMOUNT_MISMATCH = classNumber('amount_mismatch');
const STATUS_MISMATCH = classNumber('status_mismatch');

const signed = (kind: 'payment' | 'refund', fen: number): number => (kind === 'payment' ? fen : -fen);

/** Built for discrepancies only: matched lines leave nothing behind. */
const keyOf = (line: StatementLine): RecordKey => ({
  channel: line.channel,
  kind: line.kind,
  orderNumber: line.orderNumber,
  ...(line.refundNumber === undefined ? {} : { refundNumber: line.refundNumber }),
});

const statementOf = (line: StatementLine): NonNullable<Discrepancy['statement']> => ({
  lineNumber: line.lineNumber,
  channelReference: line.channelReference,
  amountFen: line.amountFen,
  feeFen: line.feeFen,
  occurredAt: line.occurredAt,
});

export const reconcile = async (input: ReconcileInput): Promise<ReconciliationResult> => {
  const { businessDate, windowMinutes } = input;
  if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > 720) {
    throw new RangeError('windowMinutes must be an integer from 0 to 720.');
  }
  const { startMs, endMs } = businessDayBounds(businessDate);
  const windowMs = windowMinutes * 60_000;
  const index = new PlatformIndex();
  await index.load(input.platformRecords, startMs - windowMs, endMs + windowMs);

  const digest = createHash('sha256');
  const tally = new TotalsTally();
  // Buckets by the index's string numbers: one map lookup per department and item code in the run, not one per line.
  const departmentBuckets: (number | undefined)[] = [];
  const itemCodeBuckets: (number | undefined)[] = [];
  const emit = async (discrepancy: Discrepancy): Promise<void> => {
    digest.update(`${JSON.stringify(discrepancy)}\n`);
    const pending = input.onDiscrepancy?.(discrepancy);
    if (pending) await pending;
  };

  // Canonical ISO 8601 UTC strings (what the parsers emit) compare as the instants do: no Date.parse per line.
  const earliestIso = new Date(startMs - windowMs).toISOString();
  const latestIso = new Date(endMs + windowMs).toISOString();
  let statementLines = 0;
  for await (const lines of input.statement) {
    for (const line of lines) {
      statementLines += 1;
      const { occurredAt } = line;
      if (
        !(occurredAt >= earliestIso && occurredAt < latestIso) &&
        !(Date.parse(occurredAt) >= startMs - windowMs && Date.parse(occurredAt) < endMs + windowMs)
      ) {
        throw new StatementWrongDayError(line, businessDate, windowMinutes);
      }
      const row = index.findLine(line.channel, line.kind, line.orderNumber, line.refundNumber);
      const statementFen = signed(line.kind, line.amountFen);
      if (row === undefined) {
        tally.add(
          'overage',
          { channel: line.channel, departmentId: UNKNOWN, itemCode: UNKNOWN },
          { statementFen, platformFen: 0, feeFen: line.feeFen },
          line.kind,
        );
        await emit({ class: 'overage', reason: 'not_on_platform', key: keyOf(line), statement: statementOf(line) });
        continue;
      }
      const first = index.claim(row);
      const amountFen = index.amountAt(row);
      const outcome = !first
        ? OVERAGE
        : !index.settledAt(row)
          ? STATUS_MISMATCH
          : amountFen !== line.amountFen
            ? AMOUNT_MISMATCH
            : MATCHED;
      const platformFen = outcome === OVERAGE ? 0 : signed(line.kind, amountFen);
      const department = index.departmentNumberAt(row);
      const item = index.itemCodeNumberAt(row);
      const departmentBucket = departmentBuckets[department] ?? tally.departmentBucket(index.departmentAt(row));
      const itemCodeBucket = itemCodeBuckets[item] ?? tally.itemCodeBucket(index.itemCodeAt(row));
      departmentBuckets[department] = departmentBucket;
      itemCodeBuckets[item] = itemCodeBucket;
      tally.addLine(
        outcome,
        tally.channelBucket(line.channel),
        departmentBucket,
        itemCodeBucket,
        statementFen,
        platformFen,
        line.feeFen,
        line.kind === 'refund',
      );
      if (outcome === MATCHED) continue;
      const record = index.row(row);
      await emit({
        class: OUTCOME_CLASSES[outcome] as Discrepancy['class'],
        reason: outcome === OVERAGE ? 'duplicate' : outcome === STATUS_MISMATCH ? 'status' : 'amount',
        key: keyOf(line),
        statement: statementOf(line),
        platform: {
          amountFen: record.amountFen,
          status: record.status,
          departmentId: record.departmentId,
          itemCode: record.itemCode,
          occurredAt: new Date(record.occurredAtMs).toISOString(),
        },
      });
    }
  }
  const statementSha256 = input.statementSha256?.();

  const carried = new Set([...(input.deferredFromPreviousDay ?? [])].map(recordKey));
  const deferred: RecordKey[] = [];
  for (const { key, row } of index.unclaimed()) {
    const record = index.row(row);
    if (!SETTLED_STATUSES.has(record.status)) continue;
    const at = record.occurredAtMs;
    if (at >= endMs) continue;
    if (at >= endMs - windowMs) {
      deferred.push(key);
      continue;
    }
    if (at < startMs && !carried.has(recordKey(key))) continue;
    const platformFen = signed(key.kind, record.amountFen);
    tally.add(
      'shortage',
      { channel: key.channel, departmentId: record.departmentId, itemCode: record.itemCode },
      { statementFen: 0, platformFen, feeFen: 0 },
      key.kind,
    );
    await emit({
      class: 'shortage',
      reason: 'not_on_statement',
      key,
      platform: {
        amountFen: record.amountFen,
        status: record.status,
        departmentId: record.departmentId,
        itemCode: record.itemCode,
        occurredAt: new Date(at).toISOString(),
      },
    });
  }

  const totals = tally.result();
  const counts = Object.fromEntries(Object.entries(totals.all).map(([name, entry]) => [name, entry.count])) as Record<
    OutcomeClass,
    number
  >;
  digest.update(
    JSON.stringify({
      engine: ENGINE_VERSION,
      businessDate,
      windowMinutes,
      statementSha256: statementSha256 ?? null,
      statementLines,
      platformRecords: index.size,
      deferred,
      totals,
    }),
  );
  return {
    engine: ENGINE_VERSION,
    businessDate,
    windowMinutes,
    ...(statementSha256 === undefined ? {} : { statementSha256 }),
    statementLines,
    platformRecords: index.size,
    counts,
    deferred,
    totals,
    runDigest: digest.digest('hex'),
  };
};
