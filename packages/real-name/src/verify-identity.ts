import type { CheckAuditBase } from './check-audit.ts';
import { performCheck } from './perform-check.ts';
import type { RealNameContext } from './real-name-context.ts';
import { validateIdentity } from './validated-identity.ts';
import type { IdentityVerificationRequest, VerificationOutcome } from './verification-request.ts';

/** ID number + name against the population registry (method `id_name`). */
export const verifyIdentity = async (
  context: RealNameContext,
  request: IdentityVerificationRequest,
): Promise<VerificationOutcome> => {
  const at = context.now();
  const base: CheckAuditBase = {
    type: 'real_name_check',
    sub: request.sub,
    ...(request.portal === undefined ? {} : { portal: request.portal }),
    method: 'id_name',
  };
  const identity = await validateIdentity(context, request, base, at);
  return performCheck(
    context,
    {
      method: 'id_name',
      costlyCheck: 'registry',
      sub: request.sub,
      ip: request.ip,
      sessionMethods: request.sessionMethods ?? [],
      ...(request.auditWithMatch ? { auditWithMatch: request.auditWithMatch } : {}),
      ...identity,
      ask: () => context.registry.checkIdentity({ citizenId: identity.citizenId, name: identity.name }),
      unavailable: 'registry_unavailable',
    },
    at,
  );
};
