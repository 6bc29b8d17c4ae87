import { auditAndThrow, type CheckAuditBase } from './check-audit.ts';
import { RealNameError } from './errors.ts';
import { maskMobileNumber } from './masks.ts';
import { parseMobileNumber } from './mobile-number.ts';
import { performCheck } from './perform-check.ts';
import type { RealNameContext } from './real-name-context.ts';
import { validateIdentity } from './validated-identity.ts';
import type { CarrierVerificationRequest, VerificationOutcome } from './verification-request.ts';

/**
 * Name + ID number + phone against the carriers (method `carrier_3f`). Only for the phone this account proved by SMS:
 * the check binds the identity to a phone the person holds, which is what makes it worth a level; a match for a
 * number the person merely knows would bind nothing.
 */
export const verifyCarrier = async (
  context: RealNameContext,
  request: CarrierVerificationRequest,
): Promise<VerificationOutcome> => {
  const at = context.now();
  const phone = parseMobileNumber(request.phone);
  const base: CheckAuditBase = {
    type: 'real_name_check',
    sub: request.sub,
    ...(request.portal === undefined ? {} : { portal: request.portal }),
    method: 'carrier_3f',
    ...(phone === undefined ? {} : { maskedPhone: maskMobileNumber(phone) }),
  };
  if (phone === undefined) return auditAndThrow(context, base, at, 'refused', new RealNameError('invalid_phone'));
  const identity = await validateIdentity(context, request, base, at);
  const phoneIndex = context.vault.blindIndex('phone', phone);
  if (identity.account.phoneIndex !== phoneIndex) {
    return auditAndThrow(context, identity.audit, at, 'refused', new RealNameError('phone_not_verified'));
  }
  return performCheck(
    context,
    {
      method: 'carrier_3f',
      costlyCheck: 'carrier',
      sub: request.sub,
      ip: request.ip,
      sessionMethods: request.sessionMethods ?? [],
      ...(request.auditWithMatch ? { auditWithMatch: request.auditWithMatch } : {}),
      ...identity,
      phoneIndex,
      ask: () => context.carrier.checkThreeFactors({ name: identity.name, citizenId: identity.citizenId, phone }),
      unavailable: 'carrier_unavailable',
    },
    at,
  );
};
