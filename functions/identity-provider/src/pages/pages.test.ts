import { describe, expect, it } from 'vitest';
import { accountPage, beijingTime } from './account-page.ts';
import { consentPage } from './consent-page.ts';
import { PAGE_HEADERS } from './layout.ts';
import { chooseLocale } from './locale.ts';
import { MESSAGES } from './messages.ts';
import { codePage, signInPage } from './sign-in-page.ts';

describe('chooseLocale', () => {
  it('prefers ui_locales, then Accept-Language, then Simplified Chinese', () => {
    expect(chooseLocale('en', 'zh-CN')).toBe('en');
    expect(chooseLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(chooseLocale('fr', 'de')).toBe('zh-CN');
    expect(chooseLocale(undefined, undefined)).toBe('zh-CN');
    expect(chooseLocale('zh-Hans en', undefined)).toBe('zh-CN');
  });
});

describe('pages', () => {
  const model = {
    locale: 'en' as const,
    uid: 'uid1',
    csrfToken: 'token<1>',
    portalName: 'Portal <b>',
    switchLanguageHref: '/interaction/uid1?lang=zh-CN',
  };

  it('have both languages for every message', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
  });

  it('render the sign-in form with a labelled phone field, the CSRF token and the page language', () => {
    const page = signInPage(model);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<label for="phone">');
    expect(page).toContain('value="token&lt;1&gt;"');
    expect(page).toContain('Portal &lt;b&gt;');
    expect(page).toContain('action="/interaction/uid1/phone?lang=en"');
  });

  it('render the code form for one-time-code autofill', () => {
    const page = codePage({ ...model, challengeId: 'c1', maskedPhone: '138****5678', resendAfterSeconds: 60 });
    expect(page).toContain('autocomplete="one-time-code"');
    expect(page).toContain('138****5678');
    expect(page).not.toMatch(/1381234567\d/);
  });

  it('forbid scripts, framing and caching', () => {
    expect(PAGE_HEADERS['content-security-policy']).toContain("default-src 'none'");
    expect(PAGE_HEADERS['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(PAGE_HEADERS['cache-control']).toBe('no-store');
  });
});

describe('account page', () => {
  const model = {
    locale: 'zh-CN' as const,
    switchLanguageHref: '/account?lang=en',
    subjectKind: 'natural_person' as const,
    maskedPhone: '138****0001',
    level: 2,
    verified: [{ method: 'id_name', at: '2026-03-07T16:30:00.000Z' }],
    portals: ['门户 <script>'],
    audit: [
      {
        at: '2026-03-07T16:30:00.000Z',
        type: 'data_release',
        portalName: '社保 <b>',
        claims: ['platform_citizen_id', 'name'],
      },
    ],
    moreHref: '/account?lang=zh-CN&cursor=abc',
  };

  it('shows times in Beijing time, escapes portal names and links the older entries', () => {
    const page = accountPage(model);
    expect(beijingTime('2026-03-07T16:30:00.000Z')).toBe('2026-03-08 00:30:00');
    expect(page).toContain('<time datetime="2026-03-07T16:30:00.000Z">2026-03-08 00:30:00</time>');
    expect(page).toContain('门户 &lt;script&gt;');
    expect(page).toContain('社保 &lt;b&gt;');
    expect(page).toContain('完整身份证号码、姓名');
    expect(page).toContain('id="current-level">二级');
    expect(page).toContain('href="/account?lang=zh-CN&amp;cursor=abc" id="audit-more"');
    expect(page).toContain('<main id="main" class="wide">');
  });

  it('warns on the consent page when the full ID number is asked for', () => {
    const common = { locale: 'en' as const, uid: 'u', csrfToken: 't', portalName: 'P', switchLanguageHref: '/' };
    expect(consentPage({ ...common, scopes: ['openid', 'idcard'] })).toContain('will receive your full citizen ID');
    expect(consentPage({ ...common, scopes: ['openid', 'realname'] })).not.toContain('idcard-warning');
  });
});
