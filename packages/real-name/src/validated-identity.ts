import { type CitizenId, parseCitizenId } from '@platform/identifiers';
import { auditAndThrow, type CheckAuditBase } from './check-audit.ts';
import { RealNameError } from './errors.ts';
import { maskCitizenId, maskPersonName } from './masks.ts';
import { normalisePersonName } from './person-name.ts';
import type { AccountVerificationState } from './real-name-accounts.ts';
import type { RealNameContext } from './real-name-context.ts';

export interface ValidatedIdentity {
  readonly citizenId: CitizenId;
  readonly citizenIndex: string;
  readonly name: string;
  readonly account: AccountVerificationState;
  /** The audit base, now with the masked ID number and name. */
  readonly audit: CheckAuditBase;
}

/**
 * The checks that cost nothing and must pass before anything is asked or counted: a valid ID number (with the exact
 * rule it breaks, from `parseCitizenId`), a name, an existing account, and no other ID number already on it.
 * Each refusal is audited (masked values only when the input was valid) and counted nowhere.
 */
export const validateIdentity = async (
  context: RealNameContext,
  input: { readonly sub: string; readonly citizenId: unknown; readonly name: unknown },
  base: CheckAuditBase,
  at: Date,
): Promise<ValidatedIdentity> => {
  const parsed = parseCitizenId(input.citizenId, { today: at });
  if (!parsed.ok) {
    const { code, message, messageZh } = parsed.error;
    return auditAndThrow(
      context,
      base,
      at,
      'refused',
      new RealNameError('invalid_citizen_id', { message, messageZh, reason: code }),
    );
  }
  const withCitizenId = { ...base, maskedCitizenId: maskCitizenId(parsed.value) };
  const name = normalisePersonName(input.name);
  if (name === undefined)
    return auditAndThrow(context, withCitizenId, at, 'refused', new RealNameError('invalid_name'));
  const audit = { ...withCitizenId, maskedName: maskPersonName(name) };

  const account = await context.accounts.getVerificationState(input.sub);
  if (!account) return auditAndThrow(context, audit, at, 'refused', new RealNameError('account_not_found'));
  const citizenIndex = context.vault.blindIndex('citizen-id', parsed.value);
  if (account.citizenIndex !== undefined && account.citizenIndex !== citizenIndex) {
    return auditAndThrow(context, audit, at, 'refused', new RealNameError('account_identity_conflict'));
  }
  return { citizenId: parsed.value, citizenIndex, name, account, audit };
};
