import type { RealNameCheckEvent, RealNameCheckOutcome } from './audit-event.ts';
import type { RealNameError } from './errors.ts';
import type { RealNameContext } from './real-name-context.ts';

/** What every audit entry of one check shares: who, for which portal, which method, what (masked) was checked. */
export type CheckAuditBase = Omit<RealNameCheckEvent, 'outcome' | 'errorCode' | 'reason'>;

/** Records the audit entry of a refused or failed check; nothing else is written here. */
export const recordRefusal = async (
  context: RealNameContext,
  base: CheckAuditBase,
  at: Date,
  outcome: RealNameCheckOutcome,
  error: RealNameError,
): Promise<void> => {
  await context.audit.record(
    { ...base, outcome, errorCode: error.code, ...(error.reason === undefined ? {} : { reason: error.reason }) },
    at,
  );
};

/**
 * Records a refused or failed check and throws its error: the one exit of every unhappy path, so that none of them
 * can forget the audit entry.
 */
export const auditAndThrow = async (
  context: RealNameContext,
  base: CheckAuditBase,
  at: Date,
  outcome: RealNameCheckOutcome,
  error: RealNameError,
): Promise<never> => {
  await recordRefusal(context, base, at, outcome, error);
  throw error;
};
