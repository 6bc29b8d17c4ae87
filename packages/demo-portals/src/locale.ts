export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const fromTag = (tag: string): Locale | undefined => {
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
};

/** Accept-Language entries best first (by q-value, then by position); `q=0` means "not this one". */
const acceptedTags = (acceptLanguage: string): string[] =>
  acceptLanguage
    .split(',')
    .map((part, position) => {
      const [tag = '', ...parameters] = part.split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, position, quality: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position)
    .map((entry) => entry.tag);

/**
 * The page language: what the user picked (`?lang=`, then the language cookie set by picking), then the browser's
 * Accept-Language, then Simplified Chinese.
 */
export const chooseLocale = (
  picked: string | undefined,
  remembered: string | undefined,
  acceptLanguage: string | undefined,
): Locale => {
  for (const tag of [picked, remembered, ...acceptedTags(acceptLanguage ?? '')]) {
    const locale = tag === undefined ? undefined : fromTag(tag);
    if (locale) return locale;
  }
  return 'zh-CN';
};

/** A `?lang=` value worth remembering, if the query has one. */
export const pickedLocale = (value: string | null): Locale | undefined => (value === null ? undefined : fromTag(value));
