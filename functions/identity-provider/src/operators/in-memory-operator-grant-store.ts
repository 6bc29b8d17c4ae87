import type { OperatorGrant, OperatorGrantStore } from './operator-grant.ts';

/** `OperatorGrantStore` in memory: the reference the contract suite pins, for unit tests. */
export const createInMemoryOperatorGrantStore = (): OperatorGrantStore => {
  const grants = new Map<string, OperatorGrant>();
  const key = (legalPersonSub: string, citizenIndex: string) => `${legalPersonSub}\u0000${citizenIndex}`;
  const active = (grant: OperatorGrant | undefined) => (grant && grant.revokedAt === undefined ? grant : undefined);
  return {
    grant: async (grant) => {
      const id = key(grant.legalPersonSub, grant.citizenIndex);
      if (active(grants.get(id))) return { granted: false, reason: 'already_granted' };
      grants.set(id, { ...grant });
      return { granted: true };
    },
    revoke: async (legalPersonSub, citizenIndex, by, at) => {
      const id = key(legalPersonSub, citizenIndex);
      const current = active(grants.get(id));
      if (!current) return { revoked: false };
      const revoked = { ...current, revokedAt: at, revokedBy: by };
      grants.set(id, revoked);
      return { revoked: true, grant: revoked };
    },
    listForLegalPerson: async (legalPersonSub) =>
      [...grants.values()]
        .filter((grant) => grant.legalPersonSub === legalPersonSub)
        .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt)),
    activeForCitizen: async (citizenIndex) =>
      [...grants.values()].filter((grant) => grant.citizenIndex === citizenIndex && grant.revokedAt === undefined),
    findActive: async (legalPersonSub, citizenIndex) => active(grants.get(key(legalPersonSub, citizenIndex))),
  };
};
