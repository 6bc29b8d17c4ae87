import { executeRefund } from './execute-refund.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { runRefundHooks } from './run-refund-hooks.ts';

export interface ResumeReport {
  /** Refunds whose execution was attempted again, by the state the attempt left them in. */
  readonly executed: Readonly<Record<string, number>>;
  /** Final refunds whose hooks were run again, and how many of those still failed. */
  readonly hooksRun: number;
  readonly hooksStillPending: number;
}

/**
 * For a scheduled caller (every minute or so): carries on every refund left `approved` or `executing` for longer than
 * `staleAfterMs` (a crash between the approval and the channel call, a timeout, a channel that was down), and runs
 * the hooks of final refunds whose hooks failed. Safe to run on several instances at once: each attempt is claimed
 * with a conditional write and the channel is idempotent on the refund number, so no refund is made twice.
 */
export const resumePendingRefunds = async (
  deps: RefundServiceDependencies,
  now: Date = deps.now(),
  options: { readonly limit?: number } = {},
): Promise<ResumeReport> => {
  const before = new Date(now.getTime() - (deps.staleAfterMs ?? 60_000)).toISOString();
  const limit = options.limit ?? 100;
  const executed: Record<string, number> = {};
  for (const queue of ['approved', 'executing'] as const) {
    for (const refund of await deps.store.listQueue(queue, { before, limit })) {
      const after = await executeRefund(deps, refund.refundId);
      executed[after.state] = (executed[after.state] ?? 0) + 1;
    }
  }
  let hooksRun = 0;
  let hooksStillPending = 0;
  for (const listed of await deps.store.listQueue('hooks', { before, limit })) {
    const refund = await deps.store.get(listed.refundId);
    if (!refund?.hooksPending) continue;
    hooksRun += 1;
    if ((await runRefundHooks(deps, refund)).hooksPending) hooksStillPending += 1;
  }
  return { executed, hooksRun, hooksStillPending };
};
