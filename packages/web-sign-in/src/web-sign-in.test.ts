import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieSealer } from './cookie-sealer.ts';
import { WebSignIn } from './web-sign-in.ts';
import type { WebSignInKeys } from './web-sign-in-keys.ts';

/**
 * The relying party up to the provider's answer, against a discovery document served on loopback: what it sends the
 * browser to, what it keeps in which cookie, and the answers it refuses before any token is asked for. The full
 * flow against the real provider is in tests/e2e/payer-pages.browser.test.ts.
 */
describe('WebSignIn', () => {
  let server: Server;
  let issuer: string;
  let keys: WebSignInKeys;
  let signIn: WebSignIn<{ kept: string }>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/openid-configuration') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/session/end`,
          authorization_response_iss_parameter_supported: true,
        }),
      );
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    keys = {
      clientPrivateJwk: { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256' },
      cookieKey: new Uint8Array(randomBytes(32)),
    };
    signIn = new WebSignIn({
      issuer,
      clientId: 'payer-pages',
      redirectUri: 'http://127.0.0.1:9/my/callback',
      postLogoutRedirectUri: 'http://127.0.0.1:9/my',
      scope: 'openid idcard',
      acrValues: 'urn:platform:loa:2',
      keys: async () => keys,
      cookieName: 'payer',
      cookiePath: '/my',
      profile: () => ({ kept: 'yes' }),
    });
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  const cookieValue = (setCookie: string) => setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

  it('sends the browser to the provider with PKCE S256, state, nonce and the level asked for', async () => {
    const { location, cookies } = await signIn.startSignIn({ returnTo: '/my', locale: 'en' });
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'payer-pages',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:9/my/callback',
      scope: 'openid idcard',
      code_challenge_method: 'S256',
      acr_values: 'urn:platform:loa:2',
      ui_locales: 'en',
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{32,}$/);
    // Loopback: no Secure flag, or the browser would never send the cookie back over plain HTTP.
    expect(cookies).toEqual([
      expect.stringMatching(/^payer_signin=[\w.-]+; Path=\/my; Max-Age=600; HttpOnly; SameSite=Lax$/),
    ]);
    const kept = await new CookieSealer(keys.cookieKey).open('signin', cookieValue(cookies[0] as string));
    expect(kept).toMatchObject({ state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce') });
    expect(kept?.verifier).toEqual(expect.any(String));
    expect(kept?.verifier).not.toBe(url.searchParams.get('code_challenge'));
  });

  it('refuses a callback with no sign-in in progress, a refusal by the provider, and a wrong state', async () => {
    await expect(signIn.finishSignIn({ rawQueryString: 'code=x&state=y' })).rejects.toMatchObject({
      failure: 'expired',
    });
    const { location, cookies } = await signIn.startSignIn();
    const state = new URL(location).searchParams.get('state') as string;
    const cookie = (cookies[0] as string).split(';')[0] as string;
    await expect(
      signIn.finishSignIn({ cookies: [cookie], rawQueryString: `error=access_denied&state=${state}&iss=${issuer}` }),
    ).rejects.toMatchObject({ failure: 'refused', providerError: 'access_denied' });
    await expect(
      signIn.finishSignIn({
        cookies: [cookie],
        rawQueryString: `code=x&state=forged&iss=${encodeURIComponent(issuer)}`,
      }),
    ).rejects.toMatchObject({ failure: 'invalid' });
  });

  it('reads a session only from its own sealed cookie, and checks form tokens against it', async () => {
    const session = {
      sub: 'sub-1',
      idToken: 'id.token.here',
      csrf: 'the-csrf-token-of-this-session',
      signedInAt: '2026-11-23T08:00:00.000Z',
      expiresAt: '2026-11-23T16:00:00.000Z',
      profile: { kept: 'yes' },
    };
    const sealed = await new CookieSealer(keys.cookieKey).seal('session', { session }, 60);
    expect(await signIn.session({ cookies: [`payer_session=${sealed}`] })).toEqual(session);
    expect(await signIn.session({ cookies: [`payer_signin=${sealed}`] })).toBeUndefined();
    // Alter the first ciphertext character: all six of its bits carry data (a tag's last character has spare bits).
    const parts = sealed.split('.');
    parts[3] = (parts[3]?.startsWith('A') ? 'B' : 'A') + parts[3]?.slice(1);
    expect(await signIn.session({ cookies: [`payer_session=${parts.join('.')}`] })).toBeUndefined();
    expect(await signIn.session({})).toBeUndefined();
    expect(signIn.csrfValid(session, 'the-csrf-token-of-this-session')).toBe(true);
    for (const forged of ['forged', '', undefined, 42]) expect(signIn.csrfValid(session, forged)).toBe(false);
    expect(signIn.csrfValid(undefined, 'the-csrf-token-of-this-session')).toBe(false);
  });

  it('signs out at the provider with the ID token as hint, and clears the session cookie', async () => {
    const { location, cookies } = await signIn.signOut({
      sub: 's',
      idToken: 'id.token.here',
      csrf: 'c',
      signedInAt: '',
      expiresAt: '',
      profile: { kept: 'yes' },
    });
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${issuer}/session/end`);
    expect(url.searchParams.get('id_token_hint')).toBe('id.token.here');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:9/my');
    expect(cookies).toEqual(['payer_session=; Path=/my; Max-Age=0; HttpOnly; SameSite=Lax']);
  });
});
