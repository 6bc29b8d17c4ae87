import { pauseBeforeRetry } from './contention.ts';
import { executeRefund } from './execute-refund.ts';
import type { Refund } from './refund.ts';
import { decideApproval, decideRejection } from './refund-decisions.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { RefundError } from './refund-errors.ts';
import { RefundWriteConflict } from './refund-store.ts';
import { REFUND_TRANSITIONS } from './refund-transitions.ts';
import { runRefundHooks } from './run-refund-hooks.ts';

/** Who acts: the finance console signs the officer in and computes this from their ID number. */
export interface ActingOfficer {
  readonly officerIndex: string;
}

const MAX_ATTEMPTS = 6;

const readRefund = async (deps: RefundServiceDependencies, refundId: string): Promise<Refund> => {
  const refund = await deps.store.get(refundId);
  if (!refund) throw new RefundError('refund_not_found', { field: 'refundId' });
  return refund;
};

/**
 * Separation of duties: an officer may not approve the refund of a payment they made themselves. Payers and officers
 * are indexed by the same blind index of the citizen ID number, so the two compare without either in clear.
 */
const refuseOwnPayment = async (deps: RefundServiceDependencies, refund: Refund, officerIndex: string) => {
  const notice = await deps.notices.get(refund.noticeId);
  if (notice?.payer.index === officerIndex) {
    throw new RefundError('officer_not_authorised', {
      detail: 'An officer may not approve the refund of their own payment; another officer must.',
    });
  }
};

/**
 * A finance officer approves a refund. The officer is looked up afresh (active, `refund_approver`, a bureau covering
 * the notice's region), whatever the caller holds. The same officer can not approve twice; the second distinct
 * officer's approval makes the refund `approved` and the money moves at once (`executeRefund`). A department is never
 * an officer, so the requesting department can not approve its own refund.
 */
export const approveRefund = async (
  deps: RefundServiceDependencies,
  refundId: string,
  officer: ActingOfficer,
  now: Date = deps.now(),
): Promise<Refund> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const refund = await readRefund(deps, refundId);
    const authorised = await deps.officers.authorise(officer.officerIndex, 'refund_approver', refund.regionCode);
    await refuseOwnPayment(deps, refund, authorised.officerIndex);
    const approved = decideApproval(refund, authorised, now.toISOString());
    try {
      await deps.store.save(refund, approved, 'approve');
    } catch (error) {
      if (!(error instanceof RefundWriteConflict)) throw error;
      await pauseBeforeRetry(attempt);
      continue;
    }
    deps.logger.info('refund approved', { refundId, approvals: approved.approvals.length, state: approved.state });
    return approved.state === 'approved' ? executeRefund(deps, refundId) : approved;
  }
  throw new RefundError('refund_contended');
};

/**
 * A finance officer rejects a refund awaiting approval, with a reason. The rejection and the release of the amount
 * on the notice (`refund.released`) are one transaction, conditional on the refund still being `requested` at the
 * version read — so a rejection can not slip in after the second approval.
 */
export const rejectRefund = async (
  deps: RefundServiceDependencies,
  refundId: string,
  officer: ActingOfficer,
  reason: unknown,
  now: Date = deps.now(),
): Promise<Refund> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const refund = await readRefund(deps, refundId);
    const authorised = await deps.officers.authorise(officer.officerIndex, 'refund_approver', refund.regionCode);
    const rejected = decideRejection(refund, authorised, reason, now.toISOString());
    try {
      await deps.notices.releaseRefund({
        noticeId: refund.noticeId,
        refundId,
        amountFen: refund.amountFen,
        reason: 'rejected',
        change: {
          fromStates: REFUND_TRANSITIONS.reject,
          version: refund.version,
          set: deps.store.recordAttributes(rejected),
          refused: () => new RefundWriteConflict(refundId),
        },
      });
    } catch (error) {
      if (!(error instanceof RefundWriteConflict)) throw error;
      await pauseBeforeRetry(attempt);
      continue;
    }
    deps.logger.info('refund rejected', { refundId });
    return runRefundHooks(deps, rejected);
  }
  throw new RefundError('refund_contended');
};
