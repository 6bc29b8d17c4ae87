import { describe, expect, it } from 'vitest';
import { alipayAuthorisationFromEnvironment } from './alipay-authorisation-from-environment.ts';

describe('alipayAuthorisationFromEnvironment (the provider: the app id and authorise page, no keys)', () => {
  it('builds the authorise URL locally (simulator) and deployed, and never exchanges a code', async () => {
    const local = alipayAuthorisationFromEnvironment({
      IDENTITY_ALIPAY_URL: 'http://127.0.0.1:4010/',
      IDENTITY_ALIPAY_APP_ID: '2021000000000002',
    });
    const url = new URL(
      local?.authoriseUrl({ redirectUri: 'https://id.example/interaction/u/alipay-return', state: 's' }) ?? '',
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4010/oauth2/publicAppAuthorize.htm');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: '2021000000000002',
      scope: 'auth_user',
      redirect_uri: 'https://id.example/interaction/u/alipay-return',
      state: 's',
    });
    await expect(async () => local?.readVerifiedIdentity('code')).rejects.toThrow(/identity-payment-account/);

    const deployed = alipayAuthorisationFromEnvironment({
      IDENTITY_ALIPAY_AUTHORISE_URL: 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm',
      IDENTITY_ALIPAY_APP_ID: '2021000000000002',
    });
    expect(deployed?.authoriseUrl({ redirectUri: 'https://id.example/r', state: 's' })).toMatch(
      /^https:\/\/openauth\.alipay\.com\/oauth2\/publicAppAuthorize\.htm\?app_id=2021000000000002&/,
    );
  });

  it('offers no method without both the app id and a page, and refuses plain http off loopback', () => {
    expect(alipayAuthorisationFromEnvironment({ IDENTITY_ALIPAY_APP_ID: '1' })).toBeUndefined();
    expect(alipayAuthorisationFromEnvironment({ IDENTITY_ALIPAY_URL: 'http://127.0.0.1:1' })).toBeUndefined();
    const plain = alipayAuthorisationFromEnvironment({
      IDENTITY_ALIPAY_AUTHORISE_URL: 'http://openauth.example/oauth2',
      IDENTITY_ALIPAY_APP_ID: '1',
    });
    expect(() => plain?.authoriseUrl({ redirectUri: 'https://id.example/r', state: 's' })).toThrow(/must be https/);
  });
});
