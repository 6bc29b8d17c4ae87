import type { FailureRecorded } from './attempt-guard.ts';
import { recordRefusal } from './check-audit.ts';
import { RealNameError } from './errors.ts';
import type { CheckSpec } from './perform-check.ts';
import type { RealNameContext } from './real-name-context.ts';

/** Counts the failure, audits the check, then the lockout it caused if it did, and throws. */
export const failCheck = async (
  context: RealNameContext,
  spec: Pick<CheckSpec, 'sub' | 'audit'>,
  at: Date,
  outcome: 'mismatch' | 'not_found' | 'refused',
  code: 'identity_mismatch' | 'identity_not_found' | 'identity_already_linked' | 'payment_account_mismatch',
): Promise<never> => {
  const failure = await context.guard.recordFailure(spec.sub, at);
  const error = new RealNameError(code, { remainingAttempts: failure.remainingAttempts });
  await recordRefusal(context, spec.audit, at, outcome, error);
  await auditLockout(context, spec, failure, at);
  throw error;
};

export const portalOf = (spec: Pick<CheckSpec, 'audit'>) =>
  spec.audit.portal === undefined ? {} : { portal: spec.audit.portal };

const auditLockout = async (
  context: RealNameContext,
  spec: Pick<CheckSpec, 'sub' | 'audit'>,
  failure: FailureRecorded,
  at: Date,
) => {
  if (!failure.lockedUntil) return;
  const until = failure.lockedUntil.toISOString();
  const failures = context.guard.limits.lockout.maxFailures;
  await context.audit.record({ type: 'lockout', sub: spec.sub, ...portalOf(spec), until, failures }, at);
  context.logger.info('real-name checks locked', { sub: spec.sub, until });
};
