import type { ChannelId } from '@platform/payment-channels';
import type { ReconciliationRun, RunDiscrepancy, RunSummary } from './run-record.ts';

/**
 * Storage of runs (the port; `DynamoDbRunStore` is the adapter). A run becomes visible in one step:
 *
 * 1. `openDraft(runId)` → a writer; the run's discrepancies are written under the new run id as the engine reports
 *    them (invisible: nothing points at the run yet).
 * 2. `commit(run)` writes the run record and moves the day's current-run pointer from `run.previousRunId` (or from
 *    nothing) to the new run, in one transaction conditional on the pointer still naming `previousRunId`. A run that
 *    lost a race (another run of the same day committed first) is refused with `RunConflictError`.
 * 3. `discard()` (after an error or a lost race) and `retire(oldRunId)` (after a commit) mark items to expire. They
 *    are tidying only: no reader reaches a run except through the pointer.
 */
export interface DraftRun {
  add(discrepancy: RunDiscrepancy): Promise<void>;
  /** Writes whatever is buffered; `commit` calls it first. */
  flush(): Promise<void>;
  discard(): Promise<void>;
}

export interface RunStore {
  openDraft(runId: string): DraftRun;
  commit(run: ReconciliationRun, draft: DraftRun): Promise<void>;
  retire(runId: string): Promise<void>;
  currentRun(channel: ChannelId, businessDate: string): Promise<ReconciliationRun | undefined>;
  /** Current runs of the days of a month (`YYYY-MM`), by day then channel. */
  runsOfMonth(month: string): Promise<RunSummary[]>;
  /** The run's discrepancies, page by page, by id (each carries its `sequence` in the engine's order). */
  discrepancies(runId: string): AsyncIterable<RunDiscrepancy>;
  discrepancy(runId: string, discrepancyId: string): Promise<RunDiscrepancy | undefined>;
}

export class RunConflictError extends Error {
  readonly channel: string;
  readonly businessDate: string;

  constructor(channel: string, businessDate: string) {
    super(`Another run of ${channel} ${businessDate} was recorded meanwhile; this run was discarded. Run it again.`);
    this.name = 'RunConflictError';
    this.channel = channel;
    this.businessDate = businessDate;
  }
}
