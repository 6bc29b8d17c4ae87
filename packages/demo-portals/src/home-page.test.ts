import { describe, expect, it } from 'vitest';
import { errorPage } from './error-page.ts';
import { signedInPage, signedOutPage } from './home-page.ts';

const idTokenClaims = {
  iss: 'http://127.0.0.1:4000',
  aud: 'demo-social-security',
  sub: 'u-1',
  sid: 's-1',
  auth_time: 1_750_000_000,
  amr: ['sms', 'idcard'],
  acr: 'urn:demo:loa:2',
};

describe('signedInPage', () => {
  it('lists the best-known claims first, marks where each came from, and gives each value a stable id', () => {
    const page = signedInPage({
      locale: 'en',
      csrfToken: 'csrf-1',
      idTokenClaims,
      userinfo: { sub: 'u-1', phone_number: '+86 13800138000', phone_number_verified: true },
    }).value;
    const order = ['id="sub"', 'id="claim-acr"', 'id="claim-amr"', 'id="claim-auth_time"', 'id="claim-sid"'];
    const positions = order.map((id) => page.indexOf(id));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page).toContain('<td id="sub">u-1</td><td>ID token · UserInfo</td>');
    expect(page).toContain('<td id="claim-amr">sms, idcard</td>');
    expect(page).toContain('<td id="claim-auth_time">2025-06-15T15:06:40Z (1750000000)</td>');
    expect(page).toContain('<td id="claim-phone_number_verified">yes</td><td>UserInfo</td>');
    expect(page).toContain('<input type="hidden" name="csrf" value="csrf-1">');
    expect(page).toContain('id="sign-out"');
  });

  it('escapes whatever the provider sends, so a claim cannot inject markup', () => {
    const page = signedInPage({
      locale: 'zh-CN',
      csrfToken: 't',
      idTokenClaims: { sub: '<script>alert(1)</script>' },
      userinfo: { name: '"><img src=x onerror=alert(1)>', '<b>': 'x' },
    }).value;
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('id="claim-_b_"');
  });

  it('shows the ID token alone when UserInfo could not be read', () => {
    const page = signedInPage({ locale: 'zh-CN', csrfToken: 't', idTokenClaims, userinfo: undefined }).value;
    expect(page).toContain('<td id="sub">u-1</td><td>ID 令牌</td>');
    expect(page).toContain('认证等级');
  });
});

describe('signedOutPage and errorPage', () => {
  it('offers sign-in in the page language', () => {
    expect(signedOutPage('en').value).toContain('<a id="sign-in" class="button" href="/login?lang=en">Sign in</a>');
    expect(signedOutPage('zh-CN').value).toContain('>登录</a>');
  });

  it('shows a protocol error code, escaped, and no more', () => {
    const page = errorPage({
      locale: 'en',
      title: 'errorTitle',
      message: 'accessDenied',
      code: 'access_denied<x>',
      retry: true,
    }).value;
    expect(page).toContain('role="alert"');
    expect(page).toContain('<code id="error-code">access_denied&lt;x&gt;</code>');
    expect(page).toContain('id="try-again"');
  });
});
