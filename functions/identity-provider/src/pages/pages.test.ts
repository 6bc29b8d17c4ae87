import { describe, expect, it } from 'vitest';
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
