import { businessDateOf } from '@platform/payment-channels';
import { previousBusinessDay, reconcileDay } from '@platform/reconciliation';
import { type ReconciliationFunctionDependencies, reconciliationFunctionDependencies } from './dependencies.ts';

/**
 * Scheduled entry (EventBridge, daily at 06:00 Asia/Shanghai = 22:00 UTC): reconciles the previous business day of
 * every enabled channel through `reconcileDay`, downloading each statement, exactly as `npm run reconcile` does.
 * The channels run one after another (one statement in memory at a time). A channel that fails (statement not
 * published yet, bad file) is logged and does not stop the others; the invocation then fails, so the schedule's
 * alarms see it, and the finance bureau re-runs that day with the CLI once the cause is fixed.
 */
export interface ScheduledEventLike {
  readonly time?: string;
}

export interface ChannelOutcome {
  readonly channel: string;
  readonly businessDate: string;
  readonly runId?: string;
  readonly counts?: Readonly<Record<string, number>>;
  readonly error?: string;
}

export class ReconciliationIncompleteError extends Error {
  readonly outcomes: readonly ChannelOutcome[];

  constructor(outcomes: readonly ChannelOutcome[]) {
    const failed = outcomes.filter((o) => o.error).map((o) => `${o.channel} ${o.businessDate}: ${o.error}`);
    super(`Reconciliation failed for ${failed.length} channel(s): ${failed.join('; ')}`);
    this.name = 'ReconciliationIncompleteError';
    this.outcomes = outcomes;
  }
}

export const createReconciliationHandler =
  (deps: () => ReconciliationFunctionDependencies) =>
  async (event: ScheduledEventLike = {}): Promise<readonly ChannelOutcome[]> => {
    const { runtime, logger } = deps();
    const firedAt = event.time ? Date.parse(event.time) : Date.now();
    const businessDate = previousBusinessDay(businessDateOf(Number.isFinite(firedAt) ? firedAt : Date.now()));
    const outcomes: ChannelOutcome[] = [];
    for (const channel of runtime.enabledChannels) {
      try {
        const run = await reconcileDay(runtime.reconcile, {
          channel,
          businessDate,
          statement: { from: 'channel' },
          triggeredBy: 'schedule:payments-reconciliation',
        });
        outcomes.push({ channel, businessDate, runId: run.runId, counts: run.counts });
        logger.info('reconciliation run recorded', {
          channel,
          businessDate,
          runId: run.runId,
          statementSha256: run.statement.sha256,
          ...run.counts,
        });
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        outcomes.push({ channel, businessDate, error: message });
        logger.error('reconciliation run failed, no run recorded', { channel, businessDate, error });
      }
    }
    if (outcomes.some((o) => o.error)) throw new ReconciliationIncompleteError(outcomes);
    return outcomes;
  };

let dependencies: ReconciliationFunctionDependencies | undefined;

export const handler = createReconciliationHandler(() => {
  dependencies ??= reconciliationFunctionDependencies();
  return dependencies;
});
