import { acrOf, levelOf } from './assurance-levels.ts';
import { auditAndThrow } from './check-audit.ts';
import { RealNameError } from './errors.ts';
import { failCheck, portalOf } from './fail-check.ts';
import { maskCitizenId } from './masks.ts';
import type { CheckSpec } from './perform-check.ts';
import type { RealNameContext } from './real-name-context.ts';
import type { VerificationOutcome } from './verification-request.ts';

/**
 * A match: seal the ID number and name, record the method with the ID number's link (one transaction, in the
 * adapter), then audit the match, the first time the link, and the caller's `auditWithMatch` events (one write). A
 * record refused by the store is audited and thrown like any other refusal.
 */
export const recordMatch = async (
  context: RealNameContext,
  spec: CheckSpec,
  at: Date,
): Promise<VerificationOutcome> => {
  const [sealedCitizenId, sealedName] = await Promise.all([
    context.vault.seal('citizen-id', spec.citizenId),
    context.vault.seal('name', spec.name),
  ]);
  const recorded = await context.accounts.recordVerification(spec.sub, {
    method: spec.method,
    verifiedAt: at,
    sealedCitizenId,
    sealedName,
    citizenIndex: spec.citizenIndex,
    ...(spec.phoneIndex === undefined ? {} : { phoneIndex: spec.phoneIndex }),
  });
  if (!recorded.recorded) {
    switch (recorded.reason) {
      case 'identity_already_linked':
        // Someone else's identity data, correct enough to match: a failure like a mismatch.
        return failCheck(context, spec, at, 'refused', 'identity_already_linked');
      case 'phone_changed':
        return auditAndThrow(
          context,
          spec.audit,
          at,
          'refused',
          new RealNameError('phone_not_verified', { reason: 'phone_changed' }),
        );
      default:
        return auditAndThrow(context, spec.audit, at, 'refused', new RealNameError(recorded.reason));
    }
  }

  const newlyLinked = spec.account.citizenIndex === undefined;
  const verifiedMethods = new Set([...spec.account.verifiedMethods, spec.method]);
  const level = levelOf([...spec.sessionMethods, ...verifiedMethods]);
  const outcome: VerificationOutcome = {
    method: spec.method,
    verifiedMethods,
    level,
    ...(level === 0 ? {} : { acr: acrOf(level) }),
    newlyLinked,
  };
  const linked = { type: 'account_linked', sub: spec.sub, ...portalOf(spec), method: spec.method } as const;
  await context.audit.recordAll(
    [
      { ...spec.audit, outcome: 'match' },
      ...(newlyLinked ? [{ ...linked, maskedIdentifier: maskCitizenId(spec.citizenId) }] : []),
      ...(spec.auditWithMatch?.(outcome) ?? []),
    ],
    at,
  );
  return outcome;
};
