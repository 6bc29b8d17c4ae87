import { refundThroughChannel } from './channel-refund-outcome.ts';
import type { Refund } from './refund.ts';
import { decideExecutionPending, decideExecutionStart, decideFailure, decideSuccess } from './refund-decisions.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { RefundError } from './refund-errors.ts';
import { RefundWriteConflict } from './refund-store.ts';
import { REFUND_TRANSITIONS } from './refund-transitions.ts';
import { runRefundHooks } from './run-refund-hooks.ts';

/** The refund as stored now, after a write lost to another writer (who is then the one carrying it on). */
const current = async (deps: RefundServiceDependencies, refund: Refund): Promise<Refund> =>
  (await deps.store.get(refund.refundId)) ?? refund;

/**
 * Moves the money of an approved refund, or carries on one left `executing` (a crash, a timeout, a channel that was
 * down). Each attempt is first claimed with a conditional write (`approved`/`executing` → `executing`, version
 * read), then the channel is asked under the same refund number — idempotent there — and the answer recorded:
 *
 * - succeeded: `succeeded` with the settled-index keys reconciliation reads, then `onRefundSucceeded`;
 * - refused for good (or the channel's `failed`): `failed` and the amount released on the notice, in one
 *   transaction, then `onRefundFailed`;
 * - no final answer: stays `executing` (with why), for `resumePendingRefunds`.
 *
 * Returns the refund as this attempt left it. A refund in any other state is returned as it is.
 */
export const executeRefund = async (deps: RefundServiceDependencies, refundId: string): Promise<Refund> => {
  const refund = await deps.store.get(refundId);
  if (!refund) throw new RefundError('refund_not_found', { field: 'refundId' });
  if (refund.state !== 'approved' && refund.state !== 'executing') return runRefundHooks(deps, refund);

  const started = decideExecutionStart(refund, deps.now().toISOString());
  try {
    await deps.store.save(refund, started, 'execute');
  } catch (error) {
    if (error instanceof RefundWriteConflict) return current(deps, refund);
    throw error;
  }

  const channel = deps.channelFor(started.channel);
  const outcome = channel
    ? await refundThroughChannel(channel, started, {
        queries: deps.processingQueries ?? 5,
        delayMs: deps.processingQueryDelayMs ?? 1000,
        now: deps.now,
      })
    : ({ kind: 'pending', why: `the ${started.channel} channel is not enabled here` } as const);
  const at = deps.now().toISOString();
  const log = { refundId, attempt: started.execution?.attempts, outcome: outcome.kind };

  try {
    switch (outcome.kind) {
      case 'succeeded': {
        const succeeded = decideSuccess(started, outcome.settlement, at);
        await deps.store.save(started, succeeded, 'succeed');
        deps.logger.info('refund succeeded', log);
        return await runRefundHooks(deps, succeeded);
      }
      case 'failed': {
        const failed = decideFailure(started, { ...outcome.failure, failedAt: at }, at);
        await deps.notices.releaseRefund({
          noticeId: started.noticeId,
          refundId,
          amountFen: started.amountFen,
          reason: 'failed',
          change: {
            fromStates: REFUND_TRANSITIONS.fail,
            version: started.version,
            set: deps.store.recordAttributes(failed),
            refused: () => new RefundWriteConflict(refundId),
          },
        });
        deps.logger.warn('refund failed at the channel; amount released', { ...log, reason: outcome.failure.reason });
        return await runRefundHooks(deps, failed);
      }
      case 'pending': {
        const pending = decideExecutionPending(started, outcome.why, at);
        await deps.store.save(started, pending, 'execute');
        deps.logger.warn('refund left executing; resumePendingRefunds retries it', { ...log, why: outcome.why });
        return pending;
      }
    }
  } catch (error) {
    if (error instanceof RefundWriteConflict) return current(deps, started);
    throw error;
  }
};
