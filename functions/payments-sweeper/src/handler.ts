import { type SweepReport, sweepOpenOrders } from '@platform/payment-orders';
import { type SweeperDependencies, sweeperDependencies } from './dependencies.ts';

/**
 * Scheduled entry (every five minutes): one sweep of the open orders due for a channel query
 * (`sweepOpenOrders`). Failed orders are logged and stay open for the next run; the run itself only fails when the
 * open orders can not be listed, so that the scheduler's own retry and alarms see storage outages.
 */
let dependencies: SweeperDependencies | undefined;

export const runSweep = async (
  deps: SweeperDependencies,
): Promise<Omit<SweepReport, 'failures'> & { failed: number }> => {
  const { failures, ...counts } = await sweepOpenOrders(deps);
  for (const { orderNumber, error } of failures) {
    deps.logger.warn('open order not resolved this run', { orderNumber, error });
  }
  const summary = { ...counts, failed: failures.length };
  if (summary.checked > 0) deps.logger.info('payments sweep', summary);
  return summary;
};

export const handler = async () => {
  dependencies ??= sweeperDependencies();
  return runSweep(dependencies);
};
