/**
 * An operator grant (经办人授权): a legal person authorises a natural person, named by citizen ID number and name, to
 * act for it at the network's portals. The grant is keyed by the company's sub and the blind index of the ID number,
 * so the person is found by the number they prove at step-up, never by a stored number. Grants are revoked, never
 * deleted: the trail of who granted and revoked what stays in the audit trail; the item keeps the latest state.
 */
export interface OperatorGrant {
  readonly legalPersonSub: string;
  /** Blind index (`citizen-id`) of the operator's ID number. */
  readonly citizenIndex: string;
  /** Blind index (`name`) of the operator's normalised name: the name on the grant must be the verified one. */
  readonly nameIndex: string;
  /** What the pages may show. */
  readonly maskedCitizenId: string;
  readonly maskedName: string;
  /** The sub of the subject that granted it (the company signed in with its certificate), and when (ISO). */
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly revokedBy?: string;
  readonly revokedAt?: string;
}

export const isActive = (grant: OperatorGrant): boolean => grant.revokedAt === undefined;

export type GrantOutcome = { readonly granted: true } | { readonly granted: false; readonly reason: 'already_granted' };

export type RevokeOutcome = { readonly revoked: true; readonly grant: OperatorGrant } | { readonly revoked: false };

/**
 * Storage port of operator grants. Rules for an implementation:
 * - `grant` creates the grant, or replaces a revoked one; an active grant for the same company and ID number is left
 *   as it is (`already_granted`). Race-safe: of two concurrent grants exactly one wins.
 * - `revoke` sets `revokedAt`/`revokedBy` on an active grant only (`{ revoked: false }` when there is none), so a
 *   grant is revoked once.
 * - Both directions (company → operators, ID number → companies) always agree: they are written together.
 * - `activeForCitizen` and `findActive` read consistently: a revocation is seen by the next sign-in.
 */
export interface OperatorGrantStore {
  grant(grant: Omit<OperatorGrant, 'revokedAt' | 'revokedBy'>): Promise<GrantOutcome>;
  revoke(legalPersonSub: string, citizenIndex: string, by: string, at: string): Promise<RevokeOutcome>;
  /** Every grant of the company, active and revoked, newest first. */
  listForLegalPerson(legalPersonSub: string): Promise<OperatorGrant[]>;
  /** The active grants of the person with this ID number, over all companies. */
  activeForCitizen(citizenIndex: string): Promise<OperatorGrant[]>;
  findActive(legalPersonSub: string, citizenIndex: string): Promise<OperatorGrant | undefined>;
}
