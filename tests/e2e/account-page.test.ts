import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { startAuthorization } from '../support/portal-flow.ts';
import { discover, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { formAction, hiddenField, latestSmsCode, UserAgent } from '../support/user-agent.ts';

/** Sandbox person (packages/real-name/README.md): 张三, 110105199003070113, 13800000001. */
const PHONE = '13800000001';
const CITIZEN_ID = '110105199003070113';
const NAME = '张三';

/**
 * The account page ("who accessed my data") and the release of the full citizen ID number, against the platform as
 * `npm start` runs it: a portal registered for `idcard` and `realname` gets them only after the person's explicit
 * consent (asked on every such request, though the portal is first-party), every release shows in the person's
 * audit trail, a portal not registered for `idcard` cannot get it, and "sign out this session" ends the SSO session
 * with back-channel logout to the portal.
 */
describe('account page and citizen ID release', () => {
  let runtime: RuntimeProcess;
  let issuer: string;
  let idcardPortal: TestPortal;
  let plainPortal: TestPortal;
  let idcardConfig: oidc.Configuration;
  let plainConfig: oidc.Configuration;
  let backchannel: Server;
  const logoutTokens: string[] = [];
  const agent = new UserAgent();

  beforeAll(async () => {
    backchannel = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((listening) => backchannel.listen(0, '127.0.0.1', listening));
    const { port } = backchannel.address() as { port: number };
    runtime = await startLocalRuntime();
    issuer = runtime.endpoints.identity;
    idcardPortal = await registerTestPortal(runtime.endpoints, 'idcard-portal', {
      allowedScopes: ['openid', 'phone', 'profile', 'realname', 'idcard'],
      backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel-logout`,
    });
    plainPortal = await registerTestPortal(runtime.endpoints, 'plain-portal');
    idcardConfig = await discover(issuer, idcardPortal.clientId, idcardPortal.keys);
    plainConfig = await discover(issuer, plainPortal.clientId, plainPortal.keys);
  });
  afterAll(async () => {
    await runtime?.stop();
    await new Promise((closed) => backchannel?.close(closed));
  });

  /**
   * Walks the provider's pages as the person would: phone and SMS code, the ID number + name check when a step-up is
   * asked for, and consent (allowed or denied); returns the redirect back to the portal and the consent pages seen.
   */
  const walk = async (url: URL, portal: TestPortal, consent: 'allow' | 'deny' = 'allow') => {
    const consentPages: string[] = [];
    let step = await agent.follow(url, {}, portal.redirectUri);
    for (let pages = 0; pages < 6; pages += 1) {
      if (!step.response) return { callback: step.url, consentPages };
      const page = await step.response.text();
      const post = (path: string, fields: Record<string, string>) =>
        agent.postForm(
          new URL(formAction(page, path), issuer),
          { csrf: hiddenField(page, 'csrf'), ...fields },
          portal.redirectUri,
        );
      if (page.includes('/id-name?')) step = await post('/id-name', { name: NAME, citizenId: CITIZEN_ID });
      else if (page.includes('/phone?')) step = await post('/phone', { phone: PHONE });
      else if (page.includes('/code?')) {
        const code = await latestSmsCode(issuer, PHONE);
        step = await post('/code', { challenge: hiddenField(page, 'challenge'), code });
      } else if (page.includes('/consent?')) {
        consentPages.push(page);
        step = await post(consent === 'allow' ? '/consent' : '/abort', {});
      } else throw new Error(`unexpected page (${step.response.status}): ${page.slice(0, 800)}`);
    }
    throw new Error('the sign-in did not return to the portal');
  };

  const accountPage = async (query = '') => {
    const response = await agent.request(`${issuer}/account${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    return response.text();
  };

  it('releases the full ID number and name to a portal registered for them, after explicit consent', async () => {
    const request = await startAuthorization(idcardConfig, idcardPortal, {
      scope: 'openid idcard realname',
      acr_values: 'urn:platform:loa:2',
    });
    const { callback, consentPages } = await walk(request.url, idcardPortal);
    expect(consentPages).toHaveLength(1);
    expect(consentPages[0]).toContain('id="idcard-warning"');
    expect(consentPages[0]).toContain('完整的身份证号码');
    const tokens = await request.redeem(callback);
    const claims = tokens.claims();
    expect(claims?.acr).toBe('urn:platform:loa:2');
    // The ID number only ever leaves through UserInfo, never in the ID token.
    expect(claims).not.toHaveProperty('platform_citizen_id');
    const userinfo = await oidc.fetchUserInfo(idcardConfig, tokens.access_token, claims?.sub as string);
    expect(userinfo).toMatchObject({
      platform_citizen_id: CITIZEN_ID,
      name: NAME,
      platform_real_name_verified: true,
    });
  });

  it('asks again on every request for the ID number, and releases nothing when the person declines', async () => {
    const request = await startAuthorization(idcardConfig, idcardPortal, { scope: 'openid idcard' });
    const { callback, consentPages } = await walk(request.url, idcardPortal, 'deny');
    expect(consentPages).toHaveLength(1);
    expect(callback.searchParams.get('error')).toBe('access_denied');
  });

  it('passes a first-party request without `idcard` straight through, without consent', async () => {
    const request = await startAuthorization(idcardConfig, idcardPortal, { scope: 'openid realname' });
    const { callback, consentPages } = await walk(request.url, idcardPortal);
    expect(consentPages).toHaveLength(0);
    const tokens = await request.redeem(callback);
    const userinfo = await oidc.fetchUserInfo(idcardConfig, tokens.access_token, tokens.claims()?.sub as string);
    expect(userinfo).toMatchObject({ name: NAME, platform_real_name_verified: true });
    expect(userinfo).not.toHaveProperty('platform_citizen_id');
  });

  it('refuses `idcard` to a portal not registered for it', async () => {
    const request = await startAuthorization(plainConfig, plainPortal, { scope: 'openid idcard' });
    const { url } = await agent.follow(request.url, {}, plainPortal.redirectUri);
    expect(url.href.startsWith(plainPortal.redirectUri)).toBe(true);
    expect(url.searchParams.get('error')).toBe('invalid_scope');
  });

  it('shows the account: masked phone, level, methods, portals of this session and who accessed the data', async () => {
    const page = await accountPage();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('138****0001');
    expect(page).toMatch(/id="current-level">二级/);
    expect(page).toContain('身份证号码与姓名核验');
    expect(page).toMatch(/id="session-portals"><li>测试门户 idcard-portal<\/li>/);
    const releases = [...page.matchAll(/<tr class="audit-data_release">(.*?)<\/tr>/g)].map((row) => row[1] ?? '');
    expect(releases.length).toBeGreaterThanOrEqual(2);
    // Newest first: the `openid realname` release, then the one with the ID number.
    expect(releases[0]).toContain('测试门户 idcard-portal');
    expect(releases[0]).not.toContain('完整身份证号码');
    expect(releases[1]).toContain('完整身份证号码');
    expect(releases[1]).toContain('姓名');
    expect(page).toMatch(/<time datetime="[^"]+Z">\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/time>/);
    expect(page).toContain('一致'); // the real-name check's outcome
    // Never a full identifier, whatever the trail holds.
    expect(page).not.toContain(CITIZEN_ID);
    expect(page).not.toContain(PHONE);

    const english = await accountPage('?lang=en');
    expect(english).toContain('Who accessed my data');
    expect(english).toContain('full citizen ID number');
  });

  it('pages the audit history with a cursor, and refuses a forged one', async () => {
    const first = await accountPage();
    const more = /href="([^"]+)" id="audit-more"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    // Sign-ins, checks, the step-up and the releases so far: fewer than a page of 20, so no link yet.
    expect(more).toBeUndefined();
    const forged = await agent.request(`${issuer}/account?cursor=bm90LWEtY3Vyc29y`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('id="error"');
  });

  it('signs out this session: back-channel logout to the portal, and the next authorization asks to sign in', async () => {
    const page = await accountPage();
    const form = /<form method="get" action="([^"]+)">\s*<input type="hidden" name="ui_locales" value="([^"]+)">/.exec(
      page,
    );
    expect(form?.[1]).toBe('/session/end');
    const confirm = await agent.follow(new URL(`${form?.[1]}?ui_locales=${form?.[2]}`, issuer));
    const confirmPage = (await confirm.response?.text()) ?? '';
    expect(confirm.response?.status, confirmPage).toBe(200);
    const done = await agent.postForm(new URL(formAction(confirmPage, '/session/end/confirm'), issuer), {
      xsrf: hiddenField(confirmPage, 'xsrf'),
      logout: 'yes',
    });
    expect(await done.response?.text()).toContain('id="logged-out"');
    expect(logoutTokens).toHaveLength(1);

    expect(await accountPage()).toContain('id="not-signed-in"');
    const request = await startAuthorization(idcardConfig, idcardPortal, { scope: 'openid' });
    const next = await agent.follow(request.url, {}, idcardPortal.redirectUri);
    expect(next.response?.status).toBe(200);
    expect(await next.response?.text()).toContain('/phone?');
  });
});
