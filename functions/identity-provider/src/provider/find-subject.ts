import type { Logger } from '@platform/logging';
import type { AuditTrail } from '@platform/real-name';
import type { Account, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { RealNameProfiles } from '../account/real-name-profile.ts';
import type { LegalPersonStore, UsccProtector } from '../legal-persons/legal-person.ts';
import { type OperatorClaimSources, operatorClaims } from '../operators/operator-claims.ts';

/** The claims the `enterprise` scope releases; each release of them is recorded in the company's audit trail. */
export const ENTERPRISE_CLAIMS = ['platform_uscc', 'platform_company_name'] as const;

/** Opens the sealed name and ID number real-name verification stored on an account. */
export interface CitizenDataOpener {
  openCitizenId(sealed: string): Promise<string>;
  openName(sealed: string): Promise<string>;
}

type Claims = Record<string, unknown>;

/**
 * oidc-provider's account lookup over both kinds of subject: natural persons first (`accounts/find-account.ts`),
 * then legal persons. A sub names one kind only (subjects are stored under different item kinds), so the order only
 * decides which table item is read first.
 *
 * A natural person's real-name claims: `platform_real_name_verified` and `name` under `realname`, the full ID number
 * `platform_citizen_id` under `idcard`. They are opened from the account's sealed values only when such a scope is
 * in play, and only for UserInfo: oidc-provider asks for an ID token's claims with the whole scope and then keeps
 * `openid`'s only (`conformIdTokenClaims`), so opening them there would audit a release that never happened. Every
 * release is a `data_release` audit event naming the portal and the claims (names, never values).
 *
 * A legal person's claims: `platform_subject_kind: 'legal_person'` under `profile`; the USCC and company name under
 * `enterprise`, which only portals registered for that scope can be granted. The USCC is decrypted only when the
 * scope is in play, and every release is audited as a `data_release` event for the company's subject.
 */
export const createFindSubject = (deps: {
  readonly naturalPersons: FindAccount;
  readonly legalPersons: LegalPersonStore;
  readonly usccs: UsccProtector;
  readonly audit: AuditTrail;
  readonly logger: Logger;
  readonly realNameProfiles?: RealNameProfiles;
  readonly citizenData?: CitizenDataOpener;
  /** Where operators are wired: the `operator` scope's claims (`operators/operator-claims.ts`). */
  readonly operators?: OperatorClaimSources;
}): FindAccount => {
  const realNameClaims = async (
    ctx: KoaContextWithOIDC,
    sub: string,
    use: string,
    scopes: readonly string[],
  ): Promise<Claims> => {
    const granted = new Set(scopes);
    const wanted = { realname: granted.has('realname'), idcard: granted.has('idcard') };
    if ((!wanted.realname && !wanted.idcard) || use !== 'userinfo') return {};
    const { realNameProfiles: profiles, citizenData } = deps;
    if (!profiles || !citizenData) return {};
    const clientId = ctx.oidc?.client?.clientId;
    if (!clientId) {
      deps.logger.warn('real-name claims asked for without a client in context', { use });
      return {};
    }
    const profile = await profiles.get(sub);
    const claims: Claims = {};
    if (wanted.realname) {
      claims.platform_real_name_verified = profile?.sealedCitizenId !== undefined;
      if (profile?.sealedName) claims.name = await citizenData.openName(profile.sealedName);
    }
    if (wanted.idcard && profile?.sealedCitizenId) {
      claims.platform_citizen_id = await citizenData.openCitizenId(profile.sealedCitizenId);
    }
    await deps.audit.record({ type: 'data_release', sub, portal: clientId, claims: Object.keys(claims), scopes });
    return claims;
  };

  return async (ctx, sub, token) => {
    const person = await deps.naturalPersons(ctx, sub, token);
    if (person) {
      const base = person.claims.bind(person) as Account['claims'];
      return {
        ...person,
        claims: async (use, scope, ...rest) => {
          const claims = (await base(use, scope, ...rest)) as Claims;
          const scopes = String(scope ?? '').split(' ');
          const extra = await realNameClaims(ctx, person.accountId, use, scopes);
          const operator = deps.operators
            ? await operatorClaims(deps.operators, {
                ctx,
                sub: person.accountId,
                token,
                use,
                scopes,
                requested: rest[0],
              })
            : {};
          return { ...claims, ...extra, ...operator, sub: person.accountId };
        },
      };
    }
    const legalPerson = await deps.legalPersons.findBySub(sub);
    if (!legalPerson) return undefined;
    const clientId = ctx.oidc?.client?.clientId;
    return {
      accountId: legalPerson.sub,
      claims: async (use, scope) => {
        const scopes = String(scope ?? '').split(' ');
        const granted = new Set(scopes);
        if (!granted.has('enterprise')) {
          return { sub: legalPerson.sub, platform_subject_kind: legalPerson.kind };
        }
        const uscc = await deps.usccs.open(legalPerson.sealedUscc);
        if (clientId) {
          await deps.audit.record({
            type: 'data_release',
            sub: legalPerson.sub,
            portal: clientId,
            claims: [...ENTERPRISE_CLAIMS],
            scopes,
          });
        } else {
          deps.logger.warn('enterprise claims released without a client in context', { use });
        }
        return {
          sub: legalPerson.sub,
          platform_subject_kind: legalPerson.kind,
          platform_uscc: uscc,
          platform_company_name: legalPerson.companyName,
        };
      },
    };
  };
};
