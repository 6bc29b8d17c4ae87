export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The page language: the portal's `ui_locales` first (the user chose it there), then the browser's
 * Accept-Language, then Simplified Chinese.
 */
export const chooseLocale = (uiLocales: string | undefined, acceptLanguage: string | undefined): Locale => {
  const preferences = [
    ...(uiLocales ?? '').split(/\s+/),
    ...(acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]?.trim() ?? ''),
  ];
  for (const tag of preferences) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
};
