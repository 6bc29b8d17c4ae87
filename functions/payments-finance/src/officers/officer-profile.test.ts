import type { FinanceOfficer } from '@platform/refunds';
import { describe, expect, it } from 'vitest';
import { NOT_AN_OFFICER, officerProfileOf } from './officer-profile.ts';

const claims = { sub: 's', iss: 'i', aud: 'a', exp: 0, iat: 0 };
const SUN_LI = '330106200102280485';
const officer = (status: 'active' | 'revoked'): FinanceOfficer => ({
  officerIndex: `index:${SUN_LI.length}`,
  maskedIdNumber: '330***********0485',
  maskedName: '孙*',
  regionCode: '110000',
  roles: ['reconciler'],
  status,
  grantedAt: '',
  updatedAt: '',
});
const index = async (idNumber: string) => `index:${idNumber.length}`;

describe('officerProfileOf', () => {
  it("keeps the officer's blind index and masked name, never the ID number", async () => {
    const profile = await officerProfileOf(index, async () => officer('active'))({
      claims,
      userinfo: { sub: 's', platform_citizen_id: SUN_LI },
    });
    expect(profile).toEqual({ officerIndex: 'index:18', maskedName: '孙*' });
    expect(JSON.stringify(profile)).not.toContain(SUN_LI);
  });

  it('refuses a person the registry does not know, or a revoked officer, as not an officer', async () => {
    for (const found of [undefined, officer('revoked')]) {
      await expect(
        officerProfileOf(index, async () => found)({ claims, userinfo: { sub: 's', platform_citizen_id: SUN_LI } }),
      ).rejects.toMatchObject({ name: 'WebSignInError', failure: 'refused', providerError: NOT_AN_OFFICER });
    }
  });

  it('refuses when the ID number was not released', async () => {
    await expect(officerProfileOf(index, async () => officer('active'))({ claims })).rejects.toMatchObject({
      failure: 'refused',
      providerError: 'identifier_not_released',
    });
  });
});
