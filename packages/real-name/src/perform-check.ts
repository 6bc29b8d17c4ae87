import type { CitizenId } from '@platform/identifiers';
import type { Method } from './assurance-levels.ts';
import type { CostlyCheck } from './attempt-guard.ts';
import type { AuditEventInput } from './audit-event.ts';
import { auditAndThrow, type CheckAuditBase } from './check-audit.ts';
import { CheckUnavailableError } from './check-unavailable-error.ts';
import { LockedOutError, RateLimitedError, RealNameError } from './errors.ts';
import { failCheck } from './fail-check.ts';
import type { AccountVerificationState } from './real-name-accounts.ts';
import type { RealNameContext } from './real-name-context.ts';
import { recordMatch } from './record-match.ts';
import type { VerificationOutcome } from './verification-request.ts';

/** One costly check, its inputs already validated and the account's preconditions met. */
export interface CheckSpec {
  readonly method: 'id_name' | 'carrier_3f' | 'alipay';
  readonly costlyCheck: CostlyCheck;
  readonly sub: string;
  readonly ip: string;
  readonly sessionMethods: Iterable<Method>;
  readonly auditWithMatch?: (outcome: VerificationOutcome) => readonly AuditEventInput[];
  readonly account: AccountVerificationState;
  readonly citizenId: CitizenId;
  readonly citizenIndex: string;
  readonly name: string;
  /** The account's phone, for the carrier check: recorded only if it is still the account's. */
  readonly phoneIndex?: string;
  readonly audit: CheckAuditBase;
  readonly ask: () => Promise<'match' | 'mismatch' | 'not_found'>;
  readonly unavailable: 'registry_unavailable' | 'carrier_unavailable' | 'payment_account_unavailable';
}

/**
 * The steps after validation, in order: lockout and rate limits, the check, then either a failure counted (and maybe
 * a lockout) or the match recorded on the account. Each refusal is audited and changes nothing but the guard's
 * counters.
 */
export const performCheck = async (
  context: RealNameContext,
  spec: CheckSpec,
  at: Date,
): Promise<VerificationOutcome> => {
  await passGuard(context, spec, at);
  const result = await ask(context, spec, at);
  if (result !== 'match') {
    const code = result === 'mismatch' ? 'identity_mismatch' : 'identity_not_found';
    return failCheck(context, spec, at, result, code);
  }
  return recordMatch(context, spec, at);
};

export const passGuard = async (
  context: RealNameContext,
  spec: Pick<CheckSpec, 'sub' | 'ip' | 'costlyCheck' | 'audit'>,
  at: Date,
): Promise<void> => {
  try {
    await context.guard.takeCheck(spec.costlyCheck, { sub: spec.sub, ip: spec.ip }, at);
  } catch (error) {
    if (error instanceof LockedOutError || error instanceof RateLimitedError) {
      return auditAndThrow(context, spec.audit, at, 'refused', error);
    }
    throw error;
  }
};

const ask = async (context: RealNameContext, spec: CheckSpec, at: Date) => {
  try {
    return await spec.ask();
  } catch (error) {
    if (!(error instanceof CheckUnavailableError)) throw error;
    context.logger.warn('real-name check unavailable', { method: spec.method, reason: error.reason, error });
    // Not the person's fault: not a failed attempt, and nothing changes.
    const unavailable = new RealNameError(spec.unavailable, { reason: error.reason, cause: error });
    return auditAndThrow(context, spec.audit, at, 'unavailable', unavailable);
  }
};
