import { createDocumentClient, ScanCommand } from '@platform/dynamodb';
import { SignJWT } from 'jose';
import type * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { signInAtPortal, startAuthorization } from '../support/portal-flow.ts';
import { discover, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { formAction, hiddenField, latestSmsCode, UserAgent } from '../support/user-agent.ts';

/** Bad input gets the right OAuth error or a clear page, never a 500, and changes nothing it should not. */
describe('identity provider under bad input', () => {
  let runtime: RuntimeProcess;
  let issuer: string;
  let portal: TestPortal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    issuer = runtime.endpoints.identity;
    portal = await registerTestPortal(runtime.endpoints, 'bad-input-portal');
    config = await discover(issuer, portal.clientId, portal.keys);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const accountLinks = async () => {
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb });
    const scan = await documents.send(
      new ScanCommand({
        TableName: runtime.endpoints.tables.IDENTITY_TABLE,
        FilterExpression: 'begins_with(pk, :phone)',
        ExpressionAttributeValues: { ':phone': 'PHONE#' },
      }),
    );
    return scan.Items?.length ?? 0;
  };

  /** Opens the sign-in page of a fresh authorization request. */
  const openSignIn = async (agent: UserAgent) => {
    const { response } = await agent.follow((await startAuthorization(config, portal)).url);
    return (await response?.text()) ?? '';
  };

  const requestCode = async (agent: UserAgent, page: string, phone: string) => {
    const { response } = await agent.postForm(new URL(formAction(page, '/phone'), issuer), {
      csrf: hiddenField(page, 'csrf'),
      phone,
    });
    return { status: response?.status, page: (await response?.text()) ?? '' };
  };

  it('answers malformed token requests with OAuth errors, not 500', async () => {
    const garbage = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '%%%grant_type',
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: string }).error).toMatch(/^invalid_(request|client)$/);

    const json = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);

    const noParameters = await fetch(`${issuer}/auth`);
    expect(noParameters.status).toBe(400);
    expect(await noParameters.text()).toContain('id="error-code"');
  });

  it('refuses tampered JWTs: access token at userinfo, client assertion at the token endpoint, ID token hint', async () => {
    const { tokens } = await signInAtPortal(new UserAgent(), issuer, config, portal, '13700000001');

    const flip = (token: string) => `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const userinfo = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${flip(tokens.access_token)}` } });
    expect(userinfo.status).toBe(401);

    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: portal.keys.kid })
      .setIssuer(portal.clientId)
      .setSubject(portal.clientId)
      .setAudience(issuer)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(portal.keys.privateKey);
    const forged = flip(assertion);
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: portal.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: forged,
      }),
    });
    expect(token.status).toBe(401);
    expect(((await token.json()) as { error: string }).error).toBe('invalid_client');

    const logout = await fetch(`${issuer}/session/end?id_token_hint=${flip(tokens.id_token as string)}`, {
      headers: { accept: 'text/html' },
    });
    expect(logout.status).toBe(400);
    expect(await logout.text()).toContain('id="error-code"');
  });

  it('kills an SMS code after five wrong tries, refuses the right code afterwards, and creates no account', async () => {
    const before = await accountLinks();
    const agent = new UserAgent();
    const signIn = await openSignIn(agent);
    let { page } = await requestCode(agent, signIn, '13700000002');
    const rightCode = await latestSmsCode(issuer, '13700000002');
    const wrongCode = rightCode === '000000' ? '111111' : '000000';
    const messages: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { response } = await agent.postForm(new URL(formAction(page, '/code'), issuer), {
        csrf: hiddenField(page, 'csrf'),
        challenge: hiddenField(page, 'challenge'),
        code: wrongCode,
      });
      expect(response?.status).toBe(400);
      page = (await response?.text()) ?? '';
      messages.push(/id="error">([^<]*)</.exec(page)?.[1] ?? '');
    }
    expect(messages[0]).toContain('验证码不正确');
    expect(messages[4]).toContain('错误次数过多');
    // The page is back at the phone step: the code is dead, whatever is sent for it.
    const retry = await agent.postForm(
      new URL(`/interaction/${/interaction\/([\w-]+)/.exec(page)?.[1]}/code?lang=zh-CN`, issuer),
      {
        csrf: hiddenField(page, 'csrf'),
        challenge: 'whatever',
        code: rightCode,
      },
    );
    expect(retry.response?.status).toBe(400);
    expect(await accountLinks()).toBe(before);
  });

  it('answers a flood of SMS requests with "try again in N s", not 500, and sends one code', async () => {
    const agent = new UserAgent();
    const signIn = await openSignIn(agent);
    const first = await requestCode(agent, signIn, '13700000003');
    expect(first.status).toBe(200);
    const flood = await Promise.all(Array.from({ length: 5 }, () => requestCode(agent, signIn, '13700000003')));
    for (const reply of flood) {
      expect(reply.status).toBe(400);
      expect(reply.page).toMatch(/请求过于频繁，请稍后再试。 \(\d+秒后可重新获取\)/);
    }
    const sms = (await (await fetch(`${issuer}/_sandbox/sms?phone=13700000003`)).json()) as { messages: unknown[] };
    expect(sms.messages).toHaveLength(1);
  });

  it('refuses an invalid phone number with a clear message and sends nothing', async () => {
    const agent = new UserAgent();
    const reply = await requestCode(agent, await openSignIn(agent), '12345');
    expect(reply.status).toBe(400);
    expect(reply.page).toContain('请输入正确的 11 位中国大陆手机号码');
  });

  it('refuses a form without its CSRF token, and an unknown interaction, with clear pages', async () => {
    const agent = new UserAgent();
    const page = await openSignIn(agent);
    const { response } = await agent.postForm(new URL(formAction(page, '/phone'), issuer), { phone: '13700000004' });
    expect(response?.status).toBe(403);
    expect(await response?.text()).toContain('页面已过期或来源不正确');
    const unknown = await agent.request(`${issuer}/interaction/does-not-exist`);
    expect(unknown.status).toBe(400);
    const sms = (await (await fetch(`${issuer}/_sandbox/sms?phone=13700000004`)).json()) as { messages: unknown[] };
    expect(sms.messages).toHaveLength(0);
  });
});
