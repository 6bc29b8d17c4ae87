import { request as httpRequest } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_EVENT } from './logout-token-verifier.ts';
import { generatePortalKey } from './portal-key.ts';
import { DEMO_PORTALS, type DemoPortalOptions } from './portal-options.ts';
import { demoPortalRegistration } from './registration.ts';
import { type RunningDemoPortal, startDemoPortal } from './start-demo-portal.ts';
import { CookieJar, readForm, textOf, visit } from './test-support/browser.ts';
import { signIn } from './test-support/sign-in.ts';
import { STAND_IN_CLAIMS, type StandInProvider, startStandInProvider } from './test-support/stand-in-provider.ts';

const portalOptions = async (
  id: 'social-security' | 'housing-fund',
  issuer: string,
  log: string[],
): Promise<DemoPortalOptions> => ({
  id,
  name: DEMO_PORTALS[id],
  port: 0,
  issuer,
  clientId: `demo-${id}`,
  privateJwk: await generatePortalKey(),
  log: (line) => log.push(line),
});

describe('one demo portal and its provider', () => {
  let provider: StandInProvider;
  let portal: RunningDemoPortal;
  const logs: string[] = [];

  beforeAll(async () => {
    provider = await startStandInProvider();
    const options = await portalOptions('social-security', provider.issuer, logs);
    portal = await startDemoPortal({ ...options, acrValues: 'urn:demo:loa:2' });
    provider.serve([demoPortalRegistration(options, portal.url)]);
  });
  afterAll(async () => {
    await portal?.stop();
    await provider?.stop();
  });

  it('answers its health check at once, and sign-in only once discovery succeeds', async () => {
    const fresh = await startStandInProvider();
    const options = await portalOptions('housing-fund', fresh.issuer, []);
    const early = await startDemoPortal(options);
    try {
      expect(early.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${early.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });

      const unavailable = await visit(new CookieJar(), `${early.url}/login`, {
        headers: { 'accept-language': 'en' },
      });
      expect(unavailable.response.status).toBe(503);
      expect(unavailable.body).toContain('cannot be reached right now');

      fresh.serve([demoPortalRegistration(options, early.url)]);
      const redirect = await visit(new CookieJar(), `${early.url}/login`, { noFollow: true });
      expect(redirect.response.status).toBe(303);
      expect(redirect.response.headers.get('location')).toMatch(new RegExp(`^${fresh.issuer}/auth\\?`));
    } finally {
      await early.stop();
      await fresh.stop();
    }
  });

  it('refuses to start on a port that is taken, saying which', async () => {
    const options = await portalOptions('housing-fund', provider.issuer, []);
    const port = Number(new URL(portal.url).port);
    await expect(startDemoPortal({ ...options, port })).rejects.toThrow(
      `Port ${port} (demo portal housing-fund) is already in use`,
    );
  });

  it('asks for the code with PKCE S256, state, nonce, the page language and the assurance level', async () => {
    const jar = new CookieJar();
    const start = await visit(jar, `${portal.url}/login?lang=en&prompt=login`, { noFollow: true });
    const location = new URL(start.response.headers.get('location') ?? '');
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      client_id: 'demo-social-security',
      response_type: 'code',
      redirect_uri: `${portal.url}/callback`,
      scope: 'openid phone profile',
      code_challenge_method: 'S256',
      ui_locales: 'en',
      prompt: 'login',
      acr_values: 'urn:demo:loa:2',
    });
    expect(query.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(query.state).toMatch(/^[\w-]{20,}$/);
    expect(query.nonce).toMatch(/^[\w-]{20,}$/);

    const loginCookie = start.response.headers.getSetCookie().find((line) => line.startsWith('social-security-login='));
    expect(loginCookie).toMatch(/; Path=\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/);
    expect(loginCookie).not.toContain(query.state);

    const withAcr = await visit(jar, `${portal.url}/login?acr=urn:demo:loa:3`, { noFollow: true });
    expect(new URL(withAcr.response.headers.get('location') ?? '').searchParams.get('acr_values')).toBe(
      'urn:demo:loa:3',
    );
  });
  it('starts no session when the ID token is not signed by a key the provider publishes', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    provider.publishKeys([{ ...(await exportJWK(publicKey)), kid: provider.signingKey.kid, alg: 'ES256', use: 'sig' }]);
    try {
      const jar = new CookieJar();
      const { page } = await signIn(jar, portal.url, 'citizen-0009', { headers: { 'accept-language': 'en' } });
      expect(page.url.pathname).toBe('/callback');
      expect(page.response.status).toBe(400);
      expect(page.body).toContain('The sign-in response was invalid');
      expect((await visit(jar, `${portal.url}/`)).body).toContain('id="signed-out"');
      expect(logs.some((line) => line.includes('sign-in failed') && /signature/i.test(line))).toBe(true);
    } finally {
      provider.publishKeys(undefined);
    }
  });
});

describe('two demo portals signed in through one provider', () => {
  let provider: StandInProvider;
  let socialSecurity: RunningDemoPortal;
  let housingFund: RunningDemoPortal;
  const logs: string[] = [];

  beforeAll(async () => {
    provider = await startStandInProvider();
    const socialOptions = await portalOptions('social-security', provider.issuer, logs);
    const housingOptions = await portalOptions('housing-fund', provider.issuer, logs);
    socialSecurity = await startDemoPortal(socialOptions);
    housingFund = await startDemoPortal(housingOptions);
    provider.serve([
      demoPortalRegistration(socialOptions, socialSecurity.url),
      demoPortalRegistration(housingOptions, housingFund.url),
    ]);
  });
  afterAll(async () => {
    await socialSecurity?.stop();
    await housingFund?.stop();
    await provider?.stop();
  });

  const homeOf = (portal: RunningDemoPortal, jar: CookieJar, headers: Record<string, string> = {}) =>
    visit(jar, `${portal.url}/`, { headers });

  /** A logout token as the provider would send it, signed with the provider's own key unless told otherwise. */
  const logoutToken = async (
    claims: JWTPayload,
    options: { key?: JWK; typ?: string; audience?: string; iat?: number } = {},
  ) => {
    const key = await importJWK(options.key ?? provider.signingKey, 'ES256');
    return new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: provider.signingKey.kid ?? '', typ: options.typ ?? 'logout+jwt' })
      .setIssuer(provider.issuer)
      .setAudience(options.audience ?? 'demo-social-security')
      .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
      .setExpirationTime('2m')
      .sign(key);
  };

  const postLogoutToken = (token: string) =>
    fetch(`${socialSecurity.url}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }),
    });

  const signedInJar = async (login: string) => {
    const jar = new CookieJar();
    const { page } = await signIn(jar, socialSecurity.url, login);
    expect(page.body).toContain('id="signed-in"');
    return { jar, sid: textOf(page, 'claim-sid') ?? '' };
  };

  it('signs a citizen in and shows the claims of the ID token and of UserInfo', async () => {
    const jar = new CookieJar();
    const { page, prompts } = await signIn(jar, socialSecurity.url, 'citizen-0001', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(prompts).toContain('login');
    expect(page.url.href).toBe(`${socialSecurity.url}/`);
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('id="signed-in"');
    expect(page.body).not.toContain('id="signed-out"');
    expect(textOf(page, 'sub')).toBe('citizen-0001');
    expect(textOf(page, 'claim-phone_number')).toBe(STAND_IN_CLAIMS.phone_number);
    expect(textOf(page, 'claim-name')).toBe(STAND_IN_CLAIMS.name);
    expect(textOf(page, 'claim-auth_time')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+\)$/);
    expect(textOf(page, 'claim-sid')).toMatch(/.{10,}/);
    expect(page.body).toMatch(/<table id="claims">/);
    expect(page.body).toContain('id="sign-out"');
    expect(page.body).toContain('<html lang="en">');
    expect(page.response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    expect(logs.some((line) => line.includes('signed in sub=citizen-0001'))).toBe(true);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, under a name of its own portal', async () => {
    const jar = new CookieJar();
    const login = await visit(jar, `${socialSecurity.url}/login`);
    const form = readForm(login);
    const back = await visit(jar, form.action, {
      form: { ...form.fields, login: 'citizen-0002', password: 'x' },
      noFollow: true,
    });
    let hop = back;
    while (!hop.url.href.startsWith(`${socialSecurity.url}/callback`)) {
      const next = hop.response.headers.get('location');
      if (!next) {
        const consent = readForm(hop);
        hop = await visit(jar, consent.action, { form: consent.fields, noFollow: true });
      } else hop = await visit(jar, new URL(next, hop.url), { noFollow: true });
    }
    expect(hop.response.status).toBe(303);
    expect(hop.response.headers.get('location')).toBe('/');
    const cookies = hop.response.headers.getSetCookie();
    expect(cookies).toContainEqual(
      expect.stringMatching(/^social-security-session=[\w-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/),
    );
    expect(cookies).toContainEqual(
      expect.stringMatching(/^social-security-login=deleted; Path=\/callback; Max-Age=0;/),
    );
  });

  it('signs the same citizen in at the second portal without asking again (single sign-on)', async () => {
    const jar = new CookieJar();
    await signIn(jar, socialSecurity.url, 'citizen-0003');
    const second = await signIn(jar, housingFund.url, 'ignored');
    expect(second.prompts).not.toContain('login');
    expect(second.page.url.href).toBe(`${housingFund.url}/`);
    expect(textOf(second.page, 'sub')).toBe('citizen-0003');
    // Each portal has its own session, though both share the host's cookies.
    expect(jar.value(new URL(housingFund.url), 'housing-fund-session')).toBeDefined();
    expect(jar.value(new URL(socialSecurity.url), 'social-security-session')).toBeDefined();
  });

  it('signs out everywhere: RP-initiated logout at one portal, back-channel logout at the other', async () => {
    const jar = new CookieJar();
    await signIn(jar, socialSecurity.url, 'citizen-0004');
    await signIn(jar, housingFund.url, 'citizen-0004');
    provider.backchannelEvents.length = 0;

    const home = await homeOf(socialSecurity, jar);
    const signOut = readForm(home, 'sign-out');
    const confirm = await visit(jar, signOut.action, { form: signOut.fields });
    expect(confirm.url.href.startsWith(`${provider.issuer}/session/end`)).toBe(true);
    expect(confirm.trail[1]?.searchParams.get('post_logout_redirect_uri')).toBe(`${socialSecurity.url}/`);
    expect(confirm.trail[1]?.searchParams.get('id_token_hint')).toMatch(/^ey/);
    // This portal's session ended before the browser even reached the provider.
    expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-out"');

    const logoutForm = readForm(confirm, 'op.logoutForm');
    const back = await visit(jar, logoutForm.action, { form: { ...logoutForm.fields, logout: 'yes' } });
    expect(back.url.href).toBe(`${socialSecurity.url}/`);
    expect(back.body).toContain('id="signed-out"');
    expect(back.body).toContain('id="sign-in"');

    expect(provider.backchannelEvents.sort()).toEqual(['success demo-housing-fund', 'success demo-social-security']);
    const other = await homeOf(housingFund, jar);
    expect(other.body).toContain('id="signed-out"');
    // The provider's session is over too: signing in again asks for the login.
    expect((await signIn(jar, housingFund.url, 'citizen-0004')).prompts).toContain('login');
  });

  it('refuses a sign-out without the session-bound CSRF token', async () => {
    const { jar } = await signedInJar('citizen-0005');
    const forged = await visit(jar, `${socialSecurity.url}/logout`, { form: { csrf: 'guessed' }, noFollow: true });
    expect(forged.response.status).toBe(403);
    expect(forged.body).toContain('id="error"');
    expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-in"');
  });

  it('ends the session named by a valid logout token, and refuses the same token twice', async () => {
    const { jar, sid } = await signedInJar('citizen-0006');
    const token = await logoutToken({ sid });
    const accepted = await postLogoutToken(token);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('cache-control')).toBe('no-store');
    expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-out"');

    const replayed = await postLogoutToken(token);
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('cache-control')).toBe('no-store');
    expect(await replayed.json()).toEqual({ error: 'invalid_request' });
  });

  it('ends every session of the subject when the logout token names no sid', async () => {
    const first = await signedInJar('citizen-0007');
    const second = await signedInJar('citizen-0007');
    expect((await postLogoutToken(await logoutToken({ sub: 'citizen-0007' }))).status).toBe(200);
    expect((await homeOf(socialSecurity, first.jar)).body).toContain('id="signed-out"');
    expect((await homeOf(socialSecurity, second.jar)).body).toContain('id="signed-out"');
  });

  it.each([
    [
      'signed with another key under the provider key id',
      async (sid: string) => {
        const { privateKey } = await generateKeyPair('ES256', { extractable: true });
        return logoutToken({ sid }, { key: await exportJWK(privateKey) });
      },
    ],
    ['carrying a nonce', (sid: string) => logoutToken({ sid, nonce: 'n-0S6_WzA2Mj' })],
    ['without the back-channel logout event', (sid: string) => logoutToken({ sid, events: { other: {} } })],
    ['for another client', (sid: string) => logoutToken({ sid }, { audience: 'demo-housing-fund' })],
    ['issued too long ago', (sid: string) => logoutToken({ sid }, { iat: Math.floor(Date.now() / 1000) - 3600 })],
    ['typed as an ID token', (sid: string) => logoutToken({ sid }, { typ: 'JWT+other' })],
    ['naming neither sid nor sub', (_sid: string) => logoutToken({})],
  ])('refuses a logout token %s with 400 and keeps the session', async (_name, make) => {
    const { jar, sid } = await signedInJar('citizen-0008');
    const refused = await postLogoutToken(await make(sid));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_request' });
    expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-in"');
  });

  it('refuses a back-channel request that is no form or has no token', async () => {
    const empty = await fetch(`${socialSecurity.url}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(empty.status).toBe(400);
    const json = await fetch(`${socialSecurity.url}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"logout_token":"x"}',
    });
    expect(json.status).toBe(400);
  });

  it('shows an error page and starts no session when state does not match', async () => {
    const jar = new CookieJar();
    await visit(jar, `${socialSecurity.url}/login`, { noFollow: true });
    const callback = new URL(`${socialSecurity.url}/callback`);
    callback.search = new URLSearchParams({
      code: 'stolen-code',
      state: 'forged-state',
      iss: provider.issuer,
    }).toString();
    const page = await visit(jar, callback, { headers: { 'accept-language': 'zh-CN' }, noFollow: true });
    expect(page.response.status).toBe(400);
    expect(page.body).toContain('id="error"');
    expect(page.body).toContain('登录响应无效');
    expect(page.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(page.response.headers.getSetCookie().some((line) => line.startsWith('social-security-session='))).toBe(
      false,
    );
    expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-out"');
    expect(logs.some((line) => line.includes('sign-in failed') && line.includes('"state"'))).toBe(true);
    // The transaction was used up: the same callback again finds none.
    const again = await visit(jar, callback, { headers: { 'accept-language': 'en' } });
    expect(again.body).toContain('has expired or is unknown');
  });

  it('explains in both languages when the citizen cancels at the provider', async () => {
    for (const [language, expected] of [
      ['en', 'You cancelled sign-in'],
      ['zh-CN', '您取消了登录'],
    ] as const) {
      const jar = new CookieJar();
      const headers = { 'accept-language': language };
      const login = await visit(jar, `${socialSecurity.url}/login`, { headers });
      expect(login.url.pathname).toMatch(/^\/interaction\//);
      const page = await visit(jar, `${login.url.href}/abort`, { headers });
      expect(page.url.pathname).toBe('/callback');
      expect(page.url.searchParams.get('error')).toBe('access_denied');
      expect(page.response.status).toBe(400);
      expect(page.body).toContain(expected);
      expect(textOf(page, 'error-code')).toBe('access_denied');
      expect(page.body).toContain(`<html lang="${language}">`);
      expect((await homeOf(socialSecurity, jar)).body).toContain('id="signed-out"');
    }
  });

  it('speaks the language asked for and remembers a language picked with ?lang=', async () => {
    const jar = new CookieJar();
    const chinese = await homeOf(socialSecurity, jar, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(chinese.body).toContain('<html lang="zh-CN">');
    expect(textOf(chinese, 'sign-in')).toBe('登录');
    expect(textOf(chinese, 'portal-name')).toBe('社会保障');
    const english = await visit(jar, `${socialSecurity.url}/?lang=en`, { headers: { 'accept-language': 'zh-CN' } });
    expect(textOf(english, 'sign-in')).toBe('Sign in');
    expect(textOf(english, 'portal-name')).toBe('Social Security');
    expect(textOf(english, 'switch-language')).toBe('中文');
    const remembered = await homeOf(socialSecurity, jar, { 'accept-language': 'zh-CN' });
    expect(remembered.body).toContain('<html lang="en">');
  });

  it('answers health, unknown pages and wrong methods plainly', async () => {
    const health = await fetch(`${socialSecurity.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${socialSecurity.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('id="error"');
    const wrongMethod = await fetch(`${socialSecurity.url}/logout`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('sends a browser that came by another host name to the address the provider knows', async () => {
    const port = new URL(socialSecurity.url).port;
    const response = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/?lang=en', headers: { host: `localhost:${port}` } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode, location: res.headers.location });
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(response).toEqual({ status: 308, location: `${socialSecurity.url}/?lang=en` });
  });
});
