import { auditAndThrow, type CheckAuditBase } from './check-audit.ts';
import { CheckUnavailableError } from './check-unavailable-error.ts';
import { LockedOutError, RealNameError } from './errors.ts';
import { failCheck } from './fail-check.ts';
import { maskCitizenId, maskPersonName } from './masks.ts';
import { matchPaymentAccount, type PaymentAccountClaim } from './payment-account-match.ts';
import type { PaymentAccountIdentity, PaymentAccountVerifier } from './payment-account-verifier.ts';
import { passGuard } from './perform-check.ts';
import type { RealNameContext } from './real-name-context.ts';
import { recordMatch } from './record-match.ts';
import { validateIdentity } from './validated-identity.ts';
import type {
  PaymentAccountStartRequest,
  PaymentAccountVerificationRequest,
  VerificationOutcome,
} from './verification-request.ts';

const verifierOf = (context: RealNameContext): PaymentAccountVerifier => {
  if (!context.paymentAccounts) throw new Error('No payment account verifier is configured (paymentAccounts).');
  return context.paymentAccounts;
};

const auditBase = (request: { readonly sub: string; readonly portal?: string }): CheckAuditBase => ({
  type: 'real_name_check',
  sub: request.sub,
  ...(request.portal === undefined ? {} : { portal: request.portal }),
  method: 'alipay',
});

/**
 * Step 1, before the browser goes to the wallet: the identity the person claims is validated like any typed identity
 * (refusals audited, nothing counted) and a locked subject is turned away before leaving. What comes back is to be
 * kept with the pending authorisation: keyed hashes and masked forms only.
 */
export const startPaymentAccountCheck = async (
  context: RealNameContext,
  request: PaymentAccountStartRequest,
): Promise<PaymentAccountClaim> => {
  verifierOf(context);
  const at = context.now();
  const identity = await validateIdentity(context, request, auditBase(request), at);
  try {
    await context.guard.assertNotLocked(request.sub, at);
  } catch (error) {
    if (error instanceof LockedOutError) return auditAndThrow(context, identity.audit, at, 'refused', error);
    throw error;
  }
  return {
    citizenIndex: identity.citizenIndex,
    nameIndex: context.vault.blindIndex('name', identity.name),
    maskedCitizenId: maskCitizenId(identity.citizenId),
    maskedName: maskPersonName(identity.name),
  };
};

/**
 * Step 2, back from the wallet with its code: lockout and rate limits (kind `payment_account`), the code exchanged
 * and the account's certified identity read, then matched against the claim. A match is recorded like any other
 * (method `alipay`, the ID number linked); a mismatch counts towards the lockout; an uncertified account and a wallet
 * that gave no usable answer are refused without counting. Each outcome leaves one `real_name_check` entry.
 */
export const verifyPaymentAccount = async (
  context: RealNameContext,
  request: PaymentAccountVerificationRequest,
): Promise<VerificationOutcome> => {
  const verifier = verifierOf(context);
  const at = context.now();
  const { claim, sub } = request;
  const audit: CheckAuditBase = {
    ...auditBase(request),
    maskedCitizenId: claim.maskedCitizenId,
    maskedName: claim.maskedName,
  };
  const account = await context.accounts.getVerificationState(sub);
  if (!account) return auditAndThrow(context, audit, at, 'refused', new RealNameError('account_not_found'));
  if (account.citizenIndex !== undefined && account.citizenIndex !== claim.citizenIndex) {
    return auditAndThrow(context, audit, at, 'refused', new RealNameError('account_identity_conflict'));
  }
  await passGuard(context, { sub, ip: request.ip, costlyCheck: 'payment_account', audit }, at);

  let identity: PaymentAccountIdentity;
  try {
    identity = await verifier.readVerifiedIdentity(request.authCode);
  } catch (error) {
    if (!(error instanceof CheckUnavailableError)) throw error;
    // The reason only: the adapter's error never carries the answer, which would hold the person's data.
    context.logger.warn('real-name check unavailable', { method: 'alipay', reason: error.reason });
    const unavailable = new RealNameError('payment_account_unavailable', { reason: error.reason });
    return auditAndThrow(context, audit, at, 'unavailable', unavailable);
  }

  const matched = matchPaymentAccount(claim, identity, (kind, value) => context.vault.blindIndex(kind, value), at);
  if (matched.result === 'not_certified') {
    return auditAndThrow(context, audit, at, 'refused', new RealNameError('payment_account_not_certified'));
  }
  if (matched.result === 'mismatch')
    return failCheck(context, { sub, audit }, at, 'mismatch', 'payment_account_mismatch');
  return recordMatch(
    context,
    {
      method: 'alipay',
      costlyCheck: 'payment_account',
      sub,
      ip: request.ip,
      sessionMethods: request.sessionMethods ?? [],
      ...(request.auditWithMatch ? { auditWithMatch: request.auditWithMatch } : {}),
      account,
      citizenId: matched.citizenId,
      citizenIndex: claim.citizenIndex,
      name: matched.name,
      audit,
      // Already asked and matched above; recordMatch does not ask again.
      ask: async () => 'match',
      unavailable: 'payment_account_unavailable',
    },
    at,
  );
};
