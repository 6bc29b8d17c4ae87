import type { Logger } from '@platform/logging';
import type { AuditTrail } from '@platform/real-name';
import type { FindAccount } from 'oidc-provider';
import type { LegalPersonStore, UsccProtector } from '../legal-persons/legal-person.ts';

/** The claims the `enterprise` scope releases; each release of them is recorded in the company's audit trail. */
export const ENTERPRISE_CLAIMS = ['platform_uscc', 'platform_company_name'] as const;

/**
 * oidc-provider's account lookup over both kinds of subject: natural persons first (`accounts/find-account.ts`),
 * then legal persons. A sub names one kind only (subjects are stored under different item kinds), so the order only
 * decides which table item is read first.
 *
 * A legal person's claims: `platform_subject_kind: 'legal_person'` under `profile`; the USCC and company name under
 * `enterprise`, which only portals registered for that scope can be granted. The USCC is decrypted only when the
 * scope is in play, and every release is audited as a `data_release` event for the company's subject.
 */
export const createFindSubject =
  (deps: {
    readonly naturalPersons: FindAccount;
    readonly legalPersons: LegalPersonStore;
    readonly usccs: UsccProtector;
    readonly audit: AuditTrail;
    readonly logger: Logger;
  }): FindAccount =>
  async (ctx, sub, token) => {
    const person = await deps.naturalPersons(ctx, sub, token);
    if (person) return person;
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
