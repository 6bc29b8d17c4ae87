import type { ChannelId } from '@platform/payment-channels';
import type { RecordKey } from '../matching/platform-record.ts';
import type { Discrepancy } from '../matching/reconcile.ts';
import type { OutcomeClass, TotalsBreakdown } from '../matching/totals.ts';

/**
 * One reconciliation of one (channel, business day): what was read, what came out, who ran it. A day has at most
 * one current run (`CURRENT_RUN#<channel>#<day>`); a re-run replaces it as a whole.
 */
export interface RunStatement {
  readonly sha256: string;
  readonly fileName: string;
  readonly format: string;
  readonly source: 'channel' | 'upload';
  readonly location: string;
  readonly sizeBytes: number;
  readonly storedBy: string;
}

export interface ReconciliationRun {
  readonly runId: string;
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly engine: string;
  readonly windowMinutes: number;
  readonly statement: RunStatement;
  readonly statementLines: number;
  readonly platformRecords: number;
  readonly counts: Readonly<Record<OutcomeClass, number>>;
  readonly totals: TotalsBreakdown;
  /** Settled records of the day's last minutes that no line claimed: handed to the next day's run. */
  readonly deferred: readonly RecordKey[];
  readonly runDigest: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Who or what ran it: `schedule:payments-reconciliation`, `cli:<operator>`, `console:<officer>`. */
  readonly triggeredBy: string;
  /** The run this one replaced, if any. */
  readonly previousRunId?: string;
}

/** What the current-run pointer carries: enough to list a month without opening each run. */
export interface RunSummary {
  readonly runId: string;
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly statementSha256: string;
  readonly counts: Readonly<Record<OutcomeClass, number>>;
  readonly runDigest: string;
  readonly finishedAt: string;
  readonly triggeredBy: string;
}

export interface RunDiscrepancy extends Discrepancy {
  readonly discrepancyId: string;
  readonly runId: string;
  readonly channel: ChannelId;
  readonly businessDate: string;
  /** Position in the engine's deterministic order (statement lines first, then shortages). */
  readonly sequence: number;
}

export const summaryOf = (run: ReconciliationRun): RunSummary => ({
  runId: run.runId,
  channel: run.channel,
  businessDate: run.businessDate,
  statementSha256: run.statement.sha256,
  counts: run.counts,
  runDigest: run.runDigest,
  finishedAt: run.finishedAt,
  triggeredBy: run.triggeredBy,
});
