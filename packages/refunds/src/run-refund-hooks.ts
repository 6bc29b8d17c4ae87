import type { Refund } from './refund.ts';
import { decideHooksDone } from './refund-decisions.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { RefundWriteConflict } from './refund-store.ts';

/**
 * Runs the hook of a refund's final state, then records that it ran. A failing hook is logged and the refund stays
 * in the `hooks` work queue for `resumePendingRefunds`: the refund itself is decided, only its consequences wait.
 */
export const runRefundHooks = async (deps: RefundServiceDependencies, refund: Refund): Promise<Refund> => {
  if (!refund.hooksPending) return refund;
  const hook =
    refund.state === 'succeeded'
      ? deps.hooks.onRefundSucceeded
      : refund.state === 'failed'
        ? deps.hooks.onRefundFailed
        : refund.state === 'rejected'
          ? deps.hooks.onRefundRejected
          : undefined;
  try {
    if (hook) {
      const notice = await deps.notices.get(refund.noticeId);
      if (!notice) throw new Error(`notice ${refund.noticeId} of refund ${refund.refundId} not found`);
      await hook(refund, notice);
    }
    const done = decideHooksDone(refund, deps.now().toISOString());
    await deps.store.save(refund, done, 'settleHooks');
    return done;
  } catch (error) {
    if (error instanceof RefundWriteConflict) return (await deps.store.get(refund.refundId)) ?? refund;
    deps.logger.error('refund hook failed; resumePendingRefunds retries it', {
      refundId: refund.refundId,
      state: refund.state,
      error,
    });
    return refund;
  }
};
