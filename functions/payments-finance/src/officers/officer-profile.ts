import type { FinanceOfficer } from '@platform/refunds';
import { type SignedInPerson, WebSignInError } from '@platform/web-sign-in';

/**
 * What the console keeps of a signed-in officer, in the sealed session cookie: the blind index of their citizen ID
 * number (the registry's key, and the actor id of every action) and the masked name the registry holds. Never the
 * ID number or the name in clear.
 */
export interface OfficerProfile {
  readonly officerIndex: string;
  readonly maskedName: string;
}

/** The provider error a refusal carries when the person is signed in but is no finance officer: a 403 page. */
export const NOT_AN_OFFICER = 'not_a_finance_officer';

export type CitizenIndexer = (idNumber: string) => Promise<string>;
export type OfficerLookup = (officerIndex: string) => Promise<FinanceOfficer | undefined>;

/** An officer who may use the console now: granted and not revoked. Roles are checked by each action's service. */
export const activeOfficer = (officer: FinanceOfficer | undefined): FinanceOfficer | undefined =>
  officer?.status === 'active' ? officer : undefined;

/**
 * The profile hook of the console's sign-in: the ID number the provider released (`idcard` scope, at L2) becomes
 * the blind index, and the index must name an active officer of the registry. Anyone else is refused before a
 * session exists.
 */
export const officerProfileOf =
  (index: CitizenIndexer, find: OfficerLookup) =>
  async ({ userinfo }: SignedInPerson): Promise<OfficerProfile> => {
    const citizenId = userinfo?.platform_citizen_id;
    if (typeof citizenId !== 'string' || citizenId === '') {
      throw new WebSignInError('refused', 'the provider released no citizen ID number', {
        providerError: 'identifier_not_released',
      });
    }
    const officerIndex = await index(citizenId);
    const officer = activeOfficer(await find(officerIndex));
    if (!officer) {
      throw new WebSignInError('refused', 'the person is not an active finance officer', {
        providerError: NOT_AN_OFFICER,
      });
    }
    return { officerIndex, maskedName: officer.maskedName };
  };
