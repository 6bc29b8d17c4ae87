import { describe, expect, it } from 'vitest';
import { payerProfileOf } from './payer-profile.ts';

const claims = { sub: 's', iss: 'i', aud: 'a', exp: 0, iat: 0 };
const index = payerProfileOf(async (kind, identifier) => `${kind}:${identifier.length}:index-value-long-enough`);

describe('payerProfileOf', () => {
  it("keeps a citizen's blind index and masked ID number, never the number itself", async () => {
    const profile = await index({ claims, userinfo: { sub: 's', platform_citizen_id: '110105199003070113' } });
    expect(profile).toEqual({
      kind: 'citizen-id',
      payerIndex: 'citizen-id:18:index-value-long-enough',
      maskedIdentifier: '110***********0113',
    });
    expect(JSON.stringify(profile)).not.toContain('110105199003070113');
  });

  it("keeps a company's USCC index when the provider released one", async () => {
    const profile = await index({ claims, userinfo: { sub: 's', platform_uscc: '91110000600037341L' } });
    expect(profile).toMatchObject({ kind: 'uscc', maskedIdentifier: '91************341L' });
  });

  it('refuses a person whose identifier was not released (declined, or not verified)', async () => {
    await expect(index({ claims, userinfo: { sub: 's' } })).rejects.toMatchObject({
      name: 'WebSignInError',
      failure: 'refused',
    });
    await expect(index({ claims })).rejects.toMatchObject({ failure: 'refused' });
  });
});
