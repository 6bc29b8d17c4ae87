import type { FinanceOfficer } from './finance-officer.ts';
import { REQUIRED_APPROVALS, type Refund, type RefundFailure, type RefundSettlement } from './refund.ts';
import { RefundError } from './refund-errors.ts';
import { canRefundTransition, type RefundTransition } from './refund-transitions.ts';

/**
 * The refund's next version for each change, or the refusal. Pure: the store writes exactly what these return,
 * conditional on the states `REFUND_TRANSITIONS` allows and on the version they were decided on.
 */
const next = (refund: Refund, transition: RefundTransition, at: string, change: Partial<Refund>): Refund => {
  if (!canRefundTransition(refund.state, transition)) {
    throw new RefundError('refund_state_conflict', {
      currentState: refund.state,
      detail: `The refund is ${refund.state}; it can not ${transition.replace('settleHooks', 'settle its hooks')}.`,
    });
  }
  return { ...refund, ...change, version: refund.version + 1, updatedAt: at };
};

/** One officer's approval; the second distinct officer's approval makes the refund `approved`. */
export const decideApproval = (refund: Refund, officer: FinanceOfficer, at: string): Refund => {
  if (refund.state === 'requested' && refund.approvals.some((a) => a.officerIndex === officer.officerIndex)) {
    throw new RefundError('refund_already_approved_by_officer', { currentState: refund.state });
  }
  const approvals = [
    ...refund.approvals,
    { officerIndex: officer.officerIndex, maskedName: officer.maskedName, approvedAt: at },
  ];
  return next(refund, 'approve', at, {
    approvals,
    state: approvals.length >= REQUIRED_APPROVALS ? 'approved' : 'requested',
  });
};

const MAXIMUM_REJECTION_REASON = 200;

/** Any one officer may reject a refund that is still awaiting approval, saying why. */
export const decideRejection = (refund: Refund, officer: FinanceOfficer, reason: unknown, at: string): Refund => {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length === 0 || [...text].length > MAXIMUM_REJECTION_REASON) {
    throw new RefundError('invalid_rejection_reason', { field: 'reason' });
  }
  return next(refund, 'reject', at, {
    state: 'rejected',
    rejection: { officerIndex: officer.officerIndex, maskedName: officer.maskedName, reason: text, rejectedAt: at },
    hooksPending: true,
  });
};

/** Claims an attempt at the channel call: from `approved`, or again from `executing` after a crash or timeout. */
export const decideExecutionStart = (refund: Refund, at: string): Refund =>
  next(refund, 'execute', at, {
    state: 'executing',
    execution: { attempts: (refund.execution?.attempts ?? 0) + 1, startedAt: at },
  });

/** The attempt ended without a final answer: still `executing`, to be resumed. */
export const decideExecutionPending = (refund: Refund, lastError: string, at: string): Refund =>
  next(refund, 'execute', at, {
    execution: { attempts: refund.execution?.attempts ?? 1, startedAt: refund.execution?.startedAt ?? at, lastError },
  });

export const decideSuccess = (refund: Refund, settlement: RefundSettlement, at: string): Refund =>
  next(refund, 'succeed', at, { state: 'succeeded', settlement, hooksPending: true });

export const decideFailure = (refund: Refund, failure: RefundFailure, at: string): Refund =>
  next(refund, 'fail', at, { state: 'failed', failure, hooksPending: true });

export const decideHooksDone = (refund: Refund, at: string): Refund =>
  next(refund, 'settleHooks', at, { hooksPending: false });
