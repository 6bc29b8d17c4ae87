import type { Logger } from '@platform/logging';
import type { AuditTrail } from '@platform/real-name';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { UsccProtector } from '../legal-persons/legal-person.ts';
import type { OperatorSelections } from './operator-selection.ts';
import type { OperatorService } from './operator-service.ts';

/** The claims the `operator` scope releases when the person acts for a company (see docs/portal-integration.md). */
export const OPERATOR_CLAIMS = ['platform_subject_kind', 'platform_uscc', 'platform_company_name'] as const;

export interface OperatorClaimSources {
  readonly selections: OperatorSelections;
  readonly service: OperatorService;
  readonly usccs: UsccProtector;
  readonly audit: AuditTrail;
  readonly logger: Logger;
}

/**
 * A natural person's claims under the `operator` scope: when, at this portal in this session, they chose to act for a
 * company and the grant is still active (read again now: a revoked grant releases nothing), the subject kind is
 * `operator` and the company's USCC and name are those of the legal person, with the same claim names the company
 * itself gets under `enterprise`. Released in UserInfo, and in the ID token only when asked for there with the
 * `claims` parameter (oidc-provider keeps scope claims out of ID tokens, `conformIdTokenClaims`); each release is a
 * `data_release` in the company's trail, like the company's own.
 */
export const operatorClaims = async (
  sources: OperatorClaimSources,
  request: {
    readonly ctx: KoaContextWithOIDC;
    readonly sub: string;
    readonly token: unknown;
    readonly use: string;
    readonly scopes: readonly string[];
    readonly requested: unknown;
  },
): Promise<Record<string, unknown>> => {
  if (!request.scopes.includes('operator')) return {};
  const askedInIdToken = Object.keys((request.requested as Record<string, unknown> | undefined) ?? {}).some((claim) =>
    (OPERATOR_CLAIMS as readonly string[]).includes(claim),
  );
  if (request.use !== 'userinfo' && !askedInIdToken) return {};
  const token = request.token as { sessionUid?: string; clientId?: string } | undefined;
  const clientId = token?.clientId ?? request.ctx.oidc?.client?.clientId;
  if (!token?.sessionUid || !clientId) return {};
  const chosen = await sources.selections.chosen(token.sessionUid, clientId);
  if (!chosen) return {};
  const company = await sources.service.activeGrant(request.sub, chosen);
  if (!company) {
    sources.logger.info('operator grant no longer active: claims not released', { portal: clientId });
    return {};
  }
  await sources.audit.record({
    type: 'data_release',
    sub: company.legalPerson.sub,
    portal: clientId,
    claims: ['platform_uscc', 'platform_company_name'],
    scopes: request.scopes,
  });
  return {
    platform_subject_kind: 'operator',
    platform_uscc: await sources.usccs.open(company.legalPerson.sealedUscc),
    platform_company_name: company.legalPerson.companyName,
  };
};
