import type { ChannelId } from '@platform/payment-channels';
import { OUTCOME_CLASSES, type Totals } from '../matching/totals.ts';
import type { ReconciliationRun } from '../runs/run-record.ts';
import type { RunStore } from '../runs/run-store.ts';
import { type CsvCell, csvLines, yuan } from './csv.ts';

/**
 * Daily and monthly summaries for the finance bureau, read from the current run records only (never from live
 * payments), so that a report says what reconciliation established.
 *
 * Money is the CHANNEL's side (what reached or left the account), by the run's classes summed:
 * - `collectedFen`: payments on the statements (matched, mismatched and overage lines alike);
 * - `refundedFen`: refunds on the statements (positive);
 * - `feesFen`: the channel's fees, net of fees returned on refunds;
 * - `netFen` = collected − refunded − fees;
 * - `platformNetFen`: the platform's side of the same lines and its shortages (payments − refunds);
 * - `differenceFen` = (collected − refunded) − platformNet: zero when everything matched.
 * Lines no platform record explains count under department and item code `(unknown)`.
 */
export type SummaryScope = 'channel' | 'department' | 'item_code';

export interface SummaryRow {
  readonly scope: SummaryScope;
  readonly key: string;
  readonly collectedFen: number;
  readonly refundedFen: number;
  readonly feesFen: number;
  readonly netFen: number;
  readonly platformNetFen: number;
  readonly differenceFen: number;
  readonly matchedCount: number;
  readonly discrepancyCount: number;
}

export interface FinanceSummary {
  /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month. */
  readonly period: string;
  /** The runs summed: which statement each used. */
  readonly runs: readonly {
    readonly channel: ChannelId;
    readonly businessDate: string;
    readonly runId: string;
    readonly statementSha256: string;
  }[];
  readonly total: Omit<SummaryRow, 'scope' | 'key'>;
  readonly rows: readonly SummaryRow[];
}

type Figures = { -readonly [K in keyof Omit<SummaryRow, 'scope' | 'key'>]: number };

const zero = (): Figures => ({
  collectedFen: 0,
  refundedFen: 0,
  feesFen: 0,
  netFen: 0,
  platformNetFen: 0,
  differenceFen: 0,
  matchedCount: 0,
  discrepancyCount: 0,
});

const addTotals = (into: Figures, totals: Totals): void => {
  for (const name of OUTCOME_CLASSES) {
    const t = totals[name];
    into.collectedFen += t.statementFen - t.refundStatementFen;
    into.refundedFen += -t.refundStatementFen;
    into.feesFen += t.feeFen;
    into.platformNetFen += t.platformFen;
    if (name === 'matched') into.matchedCount += t.count;
    else into.discrepancyCount += t.count;
  }
  into.netFen = into.collectedFen - into.refundedFen - into.feesFen;
  into.differenceFen = into.collectedFen - into.refundedFen - into.platformNetFen;
};

export const summarise = (period: string, runs: readonly ReconciliationRun[]): FinanceSummary => {
  const total = zero();
  const scopes: Record<SummaryScope, Map<string, Figures>> = {
    channel: new Map(),
    department: new Map(),
    item_code: new Map(),
  };
  const bucket = (scope: SummaryScope, key: string) => {
    let figures = scopes[scope].get(key);
    if (!figures) {
      figures = zero();
      scopes[scope].set(key, figures);
    }
    return figures;
  };
  for (const run of runs) {
    addTotals(total, run.totals.all);
    for (const [key, totals] of Object.entries(run.totals.byChannel)) addTotals(bucket('channel', key), totals);
    for (const [key, totals] of Object.entries(run.totals.byDepartment)) addTotals(bucket('department', key), totals);
    for (const [key, totals] of Object.entries(run.totals.byItemCode)) addTotals(bucket('item_code', key), totals);
  }
  const rows: SummaryRow[] = [];
  for (const scope of ['channel', 'department', 'item_code'] as const) {
    for (const key of [...scopes[scope].keys()].sort())
      rows.push({ scope, key, ...(scopes[scope].get(key) as Figures) });
  }
  return {
    period,
    runs: runs
      .map((run) => ({
        channel: run.channel,
        businessDate: run.businessDate,
        runId: run.runId,
        statementSha256: run.statement.sha256,
      }))
      .sort((a, b) => `${a.businessDate}${a.channel}`.localeCompare(`${b.businessDate}${b.channel}`)),
    total,
    rows,
  };
};

/** The day's summary over every channel's current run (or those of `channels`). */
export const dailySummary = async (
  runs: RunStore,
  businessDate: string,
  channels: readonly ChannelId[],
): Promise<FinanceSummary> => {
  const found = await Promise.all(channels.map((channel) => runs.currentRun(channel, businessDate)));
  return summarise(
    businessDate,
    found.filter((run): run is ReconciliationRun => run !== undefined),
  );
};

/** The month's (`YYYY-MM`) summary over the current runs of all its days; one run is read at a time. */
export const monthlySummary = async (runs: RunStore, month: string): Promise<FinanceSummary> => {
  const all: ReconciliationRun[] = [];
  for (const summary of await runs.runsOfMonth(month)) {
    const run = await runs.currentRun(summary.channel, summary.businessDate);
    // Only the totals are kept: discrepancies stay in storage.
    if (run) all.push(run);
  }
  return summarise(month, all);
};

const SUMMARY_HEADER = [
  '期间 period',
  '维度 scope',
  '键 key',
  '实收（元）collected',
  '退款（元）refunded',
  '手续费（元）fees',
  '净额（元）net',
  '平台净额（元）platform net',
  '差额（元）difference',
  '已匹配笔数 matched',
  '差异笔数 discrepancies',
] as const;

const summaryCells = (period: string, scope: string, key: string, f: Omit<SummaryRow, 'scope' | 'key'>): CsvCell[] => [
  period,
  scope,
  key,
  yuan(f.collectedFen),
  yuan(f.refundedFen),
  yuan(f.feesFen),
  yuan(f.netFen),
  yuan(f.platformNetFen),
  yuan(f.differenceFen),
  f.matchedCount,
  f.discrepancyCount,
];

/** The summary as CSV text chunks (BOM, CRLF, RFC 4180): a `total` row, then one row per channel, department, item. */
export const summaryCsv = (summary: FinanceSummary): AsyncGenerator<string> =>
  csvLines(SUMMARY_HEADER, [
    summaryCells(summary.period, 'total', '', summary.total),
    ...summary.rows.map((row) => summaryCells(summary.period, row.scope, row.key, row)),
  ]);

/** The summary as JSON (amounts in integer fen). */
export const summaryJson = (summary: FinanceSummary): string => JSON.stringify(summary);
