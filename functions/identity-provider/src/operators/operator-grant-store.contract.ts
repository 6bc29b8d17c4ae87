import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OperatorGrant, OperatorGrantStore } from './operator-grant.ts';

/**
 * What every `OperatorGrantStore` does, run by the unit tests (in memory) and the integration tests (DynamoDB Local,
 * `tests/integration/operator-grants.test.ts`).
 */
export const describeOperatorGrantStoreContract = (
  name: string,
  makeStore: () => OperatorGrantStore | Promise<OperatorGrantStore>,
) => {
  const id = () => randomBytes(12).toString('base64url');
  const grantOf = (legalPersonSub: string, citizenIndex: string, grantedAt = '2026-03-01T02:00:00.000Z') =>
    ({
      legalPersonSub,
      citizenIndex,
      nameIndex: `name-${citizenIndex}`,
      maskedCitizenId: '110***********0113',
      maskedName: '张*',
      grantedBy: legalPersonSub,
      grantedAt,
    }) satisfies Omit<OperatorGrant, 'revokedAt' | 'revokedBy'>;

  describe(`operator grant store contract: ${name}`, () => {
    it('grants once: an active grant for the same company and ID number is not replaced', async () => {
      const store = await makeStore();
      const [company, citizen] = [id(), id()];
      expect(await store.grant(grantOf(company, citizen))).toEqual({ granted: true });
      expect(await store.grant(grantOf(company, citizen, '2026-03-02T00:00:00.000Z'))).toEqual({
        granted: false,
        reason: 'already_granted',
      });
      expect(await store.findActive(company, citizen)).toEqual(grantOf(company, citizen));
    });

    it('lists both ways: a company its operators (newest first), an ID number its companies', async () => {
      const store = await makeStore();
      const [a, b, citizen, other] = [id(), id(), id(), id()];
      await store.grant(grantOf(a, citizen, '2026-03-01T00:00:00.000Z'));
      await store.grant(grantOf(a, other, '2026-03-02T00:00:00.000Z'));
      await store.grant(grantOf(b, citizen));
      expect((await store.listForLegalPerson(a)).map((grant) => grant.citizenIndex)).toEqual([other, citizen]);
      expect((await store.activeForCitizen(citizen)).map((grant) => grant.legalPersonSub).sort()).toEqual(
        [a, b].sort(),
      );
      expect(await store.listForLegalPerson(id())).toEqual([]);
    });

    it('revokes an active grant once, and the revocation is seen at once in both directions', async () => {
      const store = await makeStore();
      const [company, citizen] = [id(), id()];
      await store.grant(grantOf(company, citizen));
      const outcome = await store.revoke(company, citizen, 'holder', '2026-03-05T00:00:00.000Z');
      expect(outcome).toEqual({
        revoked: true,
        grant: { ...grantOf(company, citizen), revokedAt: '2026-03-05T00:00:00.000Z', revokedBy: 'holder' },
      });
      expect(await store.revoke(company, citizen, 'holder', '2026-03-06T00:00:00.000Z')).toEqual({ revoked: false });
      expect(await store.findActive(company, citizen)).toBeUndefined();
      expect(await store.activeForCitizen(citizen)).toEqual([]);
      expect(await store.listForLegalPerson(company)).toEqual([
        expect.objectContaining({ revokedAt: '2026-03-05T00:00:00.000Z', revokedBy: 'holder' }),
      ]);
    });

    it('refuses to revoke what was never granted', async () => {
      const store = await makeStore();
      expect(await store.revoke(id(), id(), 'holder', '2026-03-05T00:00:00.000Z')).toEqual({ revoked: false });
    });

    it('grants again after a revocation, as a new active grant', async () => {
      const store = await makeStore();
      const [company, citizen] = [id(), id()];
      await store.grant(grantOf(company, citizen));
      await store.revoke(company, citizen, 'holder', '2026-03-05T00:00:00.000Z');
      expect(await store.grant(grantOf(company, citizen, '2026-03-07T00:00:00.000Z'))).toEqual({ granted: true });
      expect(await store.findActive(company, citizen)).toEqual(grantOf(company, citizen, '2026-03-07T00:00:00.000Z'));
    });

    it('lets exactly one of two concurrent grants win', async () => {
      const store = await makeStore();
      const [company, citizen] = [id(), id()];
      const outcomes = await Promise.all([
        store.grant(grantOf(company, citizen, '2026-03-01T00:00:00.000Z')),
        store.grant(grantOf(company, citizen, '2026-03-01T00:00:01.000Z')),
      ]);
      expect(outcomes.filter((outcome) => outcome.granted)).toHaveLength(1);
      expect(await store.activeForCitizen(citizen)).toHaveLength(1);
    });
  });
};
