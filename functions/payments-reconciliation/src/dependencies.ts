import { createLogger, type Logger } from '@platform/logging';
import { type ReconciliationRuntime, reconciliationFromEnvironment } from '@platform/reconciliation';

export interface ReconciliationFunctionDependencies {
  readonly runtime: Pick<ReconciliationRuntime, 'reconcile' | 'enabledChannels'>;
  readonly logger: Logger;
}

/**
 * Built once per instance from the environment (`reconciliationFromEnvironment`): `PAYMENTS_TABLE`,
 * `STATEMENTS_BUCKET` in AWS (or `LOCAL_STATE_DIR` locally), `RECONCILIATION_WINDOW_MINUTES`, the channels' variables.
 */
export const reconciliationFunctionDependencies = (
  env: NodeJS.ProcessEnv = process.env,
): ReconciliationFunctionDependencies => ({
  runtime: reconciliationFromEnvironment(env),
  logger: createLogger({ fields: { fn: 'payments-reconciliation' } }),
});
