import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_EVENT, InvalidLogoutTokenError, LogoutTokenVerifier } from './logout-token-verifier.ts';

const ISSUER = 'http://127.0.0.1:4000';
const CLIENT_ID = 'demo-social-security';
const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('LogoutTokenVerifier', () => {
  let privateKey: CryptoKey;
  let provider: { jwks: ReturnType<typeof createLocalJWKSet>; issuer: string };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'op-1', alg: 'ES256', use: 'sig' };
    provider = { jwks: createLocalJWKSet({ keys: [jwk] }), issuer: ISSUER };
  });

  const sign = (
    payload: JWTPayload,
    header: { typ?: string; alg?: string } = { typ: 'logout+jwt' },
    key: CryptoKey = privateKey,
  ) =>
    new SignJWT({
      iss: ISSUER,
      aud: CLIENT_ID,
      iat: seconds(NOW),
      jti: crypto.randomUUID(),
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
      ...payload,
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'op-1', ...header })
      .sign(key);

  const verifier = () => new LogoutTokenVerifier({ clientId: CLIENT_ID, now: () => NOW });

  it('returns the sid and sub a valid token names', async () => {
    await expect(verifier().verify(await sign({ sid: 's-1', sub: 'u-1' }), provider)).resolves.toEqual({
      sid: 's-1',
      sub: 'u-1',
    });
    await expect(verifier().verify(await sign({ sub: 'u-1' }), provider)).resolves.toEqual({ sub: 'u-1' });
  });

  it('accepts a token with no typ, and the long form of logout+jwt', async () => {
    await expect(verifier().verify(await sign({ sid: 's' }, {}), provider)).resolves.toEqual({ sid: 's' });
    const longForm = await sign({ sid: 's' }, { typ: 'application/logout+jwt' });
    await expect(verifier().verify(longForm, provider)).resolves.toEqual({ sid: 's' });
  });

  it('refuses a token it has seen before, even within its lifetime', async () => {
    const v = verifier();
    const token = await sign({ sid: 's-1' });
    await v.verify(token, provider);
    await expect(v.verify(token, provider)).rejects.toThrow(/replay/);
  });

  it.each<[string, () => Promise<string>]>([
    ['a foreign signature', async () => sign({ sid: 's' }, undefined, (await generateKeyPair('ES256')).privateKey)],
    ['another issuer', () => sign({ sid: 's', iss: 'http://127.0.0.1:9999' })],
    ['another audience', () => sign({ sid: 's', aud: 'demo-housing-fund' })],
    ['no iat', () => sign({ sid: 's', iat: undefined })],
    ['an iat ten minutes old', () => sign({ sid: 's', iat: seconds(NOW) - 600 })],
    ['an iat in the future', () => sign({ sid: 's', iat: seconds(NOW) + 600 })],
    ['no jti', () => sign({ sid: 's', jti: undefined })],
    ['no events', () => sign({ sid: 's', events: undefined })],
    ['an events claim without the logout event', () => sign({ sid: 's', events: { other: {} } })],
    ['a logout event that is no object', () => sign({ sid: 's', events: { [BACKCHANNEL_LOGOUT_EVENT]: true } })],
    ['a nonce', () => sign({ sid: 's', nonce: 'abc' })],
    ['neither sid nor sub', () => sign({})],
    ['a sid that is no string', () => sign({ sid: 42 })],
    ['the typ of another kind of token', () => sign({ sid: 's' }, { typ: 'JWT' })],
    ['no signature at all', async () => `${(await sign({ sid: 's' })).split('.').slice(0, 2).join('.')}.`],
    ['garbage', async () => 'not-a-jwt'],
  ])('refuses a token with %s', async (_case, make) => {
    await expect(verifier().verify(await make(), provider)).rejects.toBeInstanceOf(InvalidLogoutTokenError);
  });
});
