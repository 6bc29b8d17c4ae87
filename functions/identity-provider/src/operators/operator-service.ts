import { parseCitizenId } from '@platform/identifiers';
import { maskCitizenId, maskName } from '@platform/personal-data';
import { type AuditTrail, normalisePersonName, type RealNameAccounts } from '@platform/real-name';
import type { LegalPerson, LegalPersonStore } from '../legal-persons/legal-person.ts';
import { OperatorError } from './operator-error.ts';
import { isActive, type OperatorGrant, type OperatorGrantStore } from './operator-grant.ts';

/** The blind indexes the grants are keyed and matched by (the personal-data vault's `citizen-id` and `name`). */
export interface OperatorIndexes {
  citizenIndex(citizenId: string): string;
  nameIndex(name: string): string;
}

/** A person's real name as verified on their account (opened from the sealed value), or undefined. */
export type VerifiedNameOf = (sub: string) => Promise<string | undefined>;

export interface OperatorServiceDependencies {
  readonly grants: OperatorGrantStore;
  readonly legalPersons: LegalPersonStore;
  readonly realNameAccounts: RealNameAccounts;
  readonly verifiedNameOf: VerifiedNameOf;
  readonly indexes: OperatorIndexes;
  readonly audit: AuditTrail;
  readonly now?: () => Date;
}

/** A company the person may act for at this sign-in. */
export interface OperatorCompany {
  readonly legalPerson: LegalPerson;
  readonly grant: OperatorGrant;
}

/**
 * Operators (经办人): a company signed in with its enterprise certificate names a person by ID number and name; that
 * person, once signed in with that ID number verified (step-up: registry or carrier check) under that same name, may
 * act for the company. The grant is checked again at every use, so a revocation stops the next sign-in.
 *
 * No registry check is paid for at grant time: the person's number and name are matched by the registry when they
 * verify them on their own account, and the grant only takes effect where both agree with it.
 */
export const createOperatorService = (deps: OperatorServiceDependencies) => {
  const now = deps.now ?? (() => new Date());

  const validated = (citizenIdInput: string, nameInput: string) => {
    const parsed = parseCitizenId(citizenIdInput);
    if (!parsed.ok) throw new OperatorError('invalid_citizen_id', parsed.error.message, parsed.error.messageZh);
    const name = normalisePersonName(nameInput);
    if (!name) throw new OperatorError('invalid_name', 'Enter the name as on the ID card.', '请输入身份证上的姓名。');
    return { citizenId: parsed.value, name };
  };

  /** The company grants; `by` is the sub signed in with the company's certificate. */
  const grant = async (input: { legalPersonSub: string; citizenId: string; name: string; by: string }) => {
    const { citizenId, name } = validated(input.citizenId, input.name);
    const grant = {
      legalPersonSub: input.legalPersonSub,
      citizenIndex: deps.indexes.citizenIndex(citizenId),
      nameIndex: deps.indexes.nameIndex(name),
      maskedCitizenId: maskCitizenId(citizenId),
      maskedName: maskName(name),
      grantedBy: input.by,
      grantedAt: now().toISOString(),
    };
    const outcome = await deps.grants.grant(grant);
    if (!outcome.granted) {
      throw new OperatorError(
        'operator_already_granted',
        'This person is already an operator of the company.',
        '此人已是本单位的经办人。',
      );
    }
    await deps.audit.record({
      type: 'operator_granted',
      sub: input.legalPersonSub,
      maskedCitizenId: grant.maskedCitizenId,
      maskedName: grant.maskedName,
      by: input.by,
    });
    return grant;
  };

  const revoke = async (input: { legalPersonSub: string; citizenIndex: string; by: string }) => {
    const outcome = await deps.grants.revoke(input.legalPersonSub, input.citizenIndex, input.by, now().toISOString());
    if (!outcome.revoked) {
      throw new OperatorError('operator_grant_not_found', 'No such active operator.', '没有这位有效的经办人。');
    }
    await deps.audit.record({
      type: 'operator_revoked',
      sub: input.legalPersonSub,
      maskedCitizenId: outcome.grant.maskedCitizenId,
      maskedName: outcome.grant.maskedName,
      by: input.by,
    });
    return outcome.grant;
  };

  /** The ID number's blind index and name index of a person whose ID number is verified, or undefined. */
  const verifiedIdentityOf = async (sub: string) => {
    const state = await deps.realNameAccounts.getVerificationState(sub);
    if (!state?.citizenIndex) return undefined;
    const name = await deps.verifiedNameOf(sub);
    const normalised = name ? normalisePersonName(name) : undefined;
    return { citizenIndex: state.citizenIndex, nameIndex: normalised ? deps.indexes.nameIndex(normalised) : undefined };
  };

  /** Companies the person may act for now: active grants for their verified ID number under their verified name. */
  const companiesFor = async (sub: string): Promise<OperatorCompany[]> => {
    const identity = await verifiedIdentityOf(sub);
    if (!identity) return [];
    const grants = (await deps.grants.activeForCitizen(identity.citizenIndex)).filter(
      (grant) => isActive(grant) && grant.nameIndex === identity.nameIndex,
    );
    const companies = await Promise.all(
      grants.map(async (grant) => {
        const legalPerson = await deps.legalPersons.findBySub(grant.legalPersonSub);
        return legalPerson ? { legalPerson, grant } : undefined;
      }),
    );
    return companies.filter((company): company is OperatorCompany => company !== undefined);
  };

  /** The grant under which `sub` acts for the company now, or undefined when there is none (any more). */
  const activeGrant = async (sub: string, legalPersonSub: string): Promise<OperatorCompany | undefined> => {
    const identity = await verifiedIdentityOf(sub);
    if (!identity) return undefined;
    const grant = await deps.grants.findActive(legalPersonSub, identity.citizenIndex);
    if (!grant || grant.nameIndex !== identity.nameIndex) return undefined;
    const legalPerson = await deps.legalPersons.findBySub(legalPersonSub);
    return legalPerson ? { legalPerson, grant } : undefined;
  };

  /** The person chose to act for the company at a portal: checked, and recorded in both trails. */
  const actFor = async (input: { sub: string; legalPersonSub: string; portal: string }) => {
    const company = await activeGrant(input.sub, input.legalPersonSub);
    if (!company) {
      throw new OperatorError(
        'operator_not_authorised',
        'You are not, or no longer, an operator of this company.',
        '您不是（或已不再是）该单位的经办人。',
      );
    }
    const masked = { maskedCitizenId: company.grant.maskedCitizenId, maskedName: company.grant.maskedName };
    await Promise.all([
      deps.audit.record({
        type: 'operator_acted',
        sub: input.legalPersonSub,
        portal: input.portal,
        ...masked,
        counterpart: input.sub,
      }),
      deps.audit.record({
        type: 'operator_acted',
        sub: input.sub,
        portal: input.portal,
        ...masked,
        counterpart: input.legalPersonSub,
      }),
    ]);
    return company;
  };

  return { grant, revoke, companiesFor, activeGrant, actFor };
};

export type OperatorService = ReturnType<typeof createOperatorService>;
