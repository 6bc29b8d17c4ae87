import { describe, expect, it } from 'vitest';
import { chooseLocale, pickedLocale } from './locale.ts';

describe('chooseLocale', () => {
  it('prefers the language picked on the page, then the remembered one, then the browser’s', () => {
    expect(chooseLocale('en', 'zh-CN', 'zh-CN')).toBe('en');
    expect(chooseLocale(undefined, 'en', 'zh-CN')).toBe('en');
    expect(chooseLocale(undefined, undefined, 'en-US,en;q=0.9')).toBe('en');
  });

  it('reads Accept-Language by quality, not by position, and skips q=0 and unknown languages', () => {
    expect(chooseLocale(undefined, undefined, 'fr, en;q=0.5, zh-TW;q=0.8')).toBe('zh-CN');
    expect(chooseLocale(undefined, undefined, 'zh;q=0, en;q=0.1')).toBe('en');
    expect(chooseLocale(undefined, undefined, 'de-DE')).toBe('zh-CN');
  });

  it('speaks Simplified Chinese when nothing is known', () => {
    expect(chooseLocale(undefined, undefined, undefined)).toBe('zh-CN');
    expect(chooseLocale(undefined, undefined, '')).toBe('zh-CN');
  });
});

describe('pickedLocale', () => {
  it('accepts the two page languages in any common spelling and nothing else', () => {
    expect(pickedLocale('en')).toBe('en');
    expect(pickedLocale('EN-gb')).toBe('en');
    expect(pickedLocale('zh-CN')).toBe('zh-CN');
    expect(pickedLocale('zh-Hans')).toBe('zh-CN');
    expect(pickedLocale('fr')).toBeUndefined();
    expect(pickedLocale(null)).toBeUndefined();
  });
});
