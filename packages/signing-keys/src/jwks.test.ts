import { importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import { cookieKeys, providerJwks, publicJwks } from './jwks.ts';
import type { KeySet } from './key-set.ts';
import { rotateKeySet } from './rotate-key-set.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

describe('JWKS views of a key set', () => {
  let set: KeySet;
  beforeAll(async () => {
    const first = await createKeySet(new Date('2026-01-01T00:00:00Z'));
    const second = await rotateKeySet(first, new Date('2026-01-02T00:00:00Z'), { retentionSeconds: 864_000 });
    set = await rotateKeySet(second, new Date('2026-01-03T00:00:00Z'), { retentionSeconds: 864_000 });
  });

  it('puts current keys first, then next keys, then retired keys newest first', () => {
    const states = providerJwks(set).keys.map((jwk) => set.keys.find((key) => key.kid === jwk.kid)?.state);
    expect(states).toEqual(['current', 'current', 'next', 'next', 'retired', 'retired', 'retired', 'retired']);
    const retired = providerJwks(set)
      .keys.slice(4)
      .map((jwk) => set.keys.find((key) => key.kid === jwk.kid)?.retiredAt);
    expect(retired).toEqual([...retired].sort().reverse());
  });

  it('gives every provider key its kid, alg and use, so oidc-provider scores them all alike', () => {
    for (const jwk of providerJwks(set).keys) {
      expect(jwk).toMatchObject({ kid: expect.any(String), alg: expect.stringMatching(/^(ES|RS)256$/), use: 'sig' });
      expect(jwk.d).toEqual(expect.any(String));
    }
  });

  it('publishes the same keys in public form, without any private member', async () => {
    const published = publicJwks(set).keys;
    expect(published.map((jwk) => jwk.kid)).toEqual(providerJwks(set).keys.map((jwk) => jwk.kid));
    for (const jwk of published) {
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
      expect(await importJWK(jwk)).toMatchObject({ type: 'public' });
    }
  });

  it('lists cookie keys newest first', () => {
    expect(cookieKeys(set)).toEqual(set.cookieKeys.map((key) => key.value));
    const created = set.cookieKeys.map((key) => key.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });
});
