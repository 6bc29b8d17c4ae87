import { AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipaySimulator, startAlipaySimulator } from './alipay-simulator.ts';

/** The simulator's user authorisation, driven by the official SDK as the login app (RSA2 both ways). */
describe('Alipay simulator: user information authorisation', () => {
  let simulator: AlipaySimulator;
  let sdk: AlipaySdk;
  const REDIRECT = 'https://identity.example/interaction/abc/alipay-return';

  beforeAll(async () => {
    simulator = await startAlipaySimulator();
    sdk = new AlipaySdk({
      appId: simulator.userAuthorisation.appId,
      privateKey: simulator.userAuthorisation.appPrivateKey,
      alipayPublicKey: simulator.keys.alipayPublicKey,
      gateway: simulator.gatewayUrl,
      camelcase: false,
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const authoriseUrl = (scope = 'auth_user', appId = simulator.userAuthorisation.appId) => {
    const url = new URL(simulator.userAuthorisation.authoriseUrl);
    for (const [name, value] of Object.entries({ app_id: appId, scope, redirect_uri: REDIRECT, state: 's1' })) {
      url.searchParams.set(name, value);
    }
    return url;
  };

  const authorise = async (userId: string, scope = 'auth_user') => {
    const page = authoriseUrl(scope);
    const form = new URLSearchParams(page.searchParams);
    form.set('user_id', userId);
    const clicked = await fetch(new URL(page.pathname, page), { method: 'POST', body: form, redirect: 'manual' });
    expect(clicked.status).toBe(302);
    return new URL(clicked.headers.get('location') ?? '');
  };

  const token = async (code: string) =>
    sdk.exec('alipay.system.oauth.token', { grant_type: 'authorization_code', code }, { validateSign: true });

  it('shows the authorise page with every member, and refuses an unknown app or scope', async () => {
    const page = await fetch(authoriseUrl());
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const user of simulator.userAuthorisation.users) expect(html).toContain(user.userId);
    expect((await fetch(authoriseUrl('auth_user', '2021000000009999'))).status).toBe(400);
    expect((await fetch(authoriseUrl('auth_everything'))).status).toBe(400);
  });

  it('redirects back with auth_code, state, app_id, source and scope', async () => {
    const back = await authorise('2088000000000101');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('app_id')).toBe(simulator.userAuthorisation.appId);
    expect(back.searchParams.get('source')).toBe('alipay_wallet');
    expect(back.searchParams.get('auth_code')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('exchanges the code once and shares the certified identity', async () => {
    const code = (await authorise('2088000000000103')).searchParams.get('auth_code') ?? '';
    const granted = await token(code);
    expect(granted).toMatchObject({ user_id: '2088000000000103', expires_in: expect.any(Number) });
    const info = await sdk.exec(
      'alipay.user.info.share',
      { auth_token: granted.access_token as string },
      { validateSign: true },
    );
    expect(info).toMatchObject({
      code: '10000',
      user_id: '2088000000000103',
      is_certified: 'T',
      user_name: '王五',
      cert_type: '0',
      cert_no: '44030519781130035X',
    });
    expect(await token(code)).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid' });
  });

  it('shares no real name for an uncertified member, and nothing for an auth_base token', async () => {
    const uncertified = await token((await authorise('2088000000000105')).searchParams.get('auth_code') ?? '');
    const info = await sdk.exec('alipay.user.info.share', { auth_token: uncertified.access_token as string });
    expect(info).toMatchObject({ is_certified: 'F' });
    expect(info).not.toHaveProperty('cert_no');
    const base = await token((await authorise('2088000000000101', 'auth_base')).searchParams.get('auth_code') ?? '');
    const refused = await sdk.exec('alipay.user.info.share', { auth_token: base.access_token as string });
    expect(refused).toMatchObject({ code: '40006' });
  });
});
