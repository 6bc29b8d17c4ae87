/**
 * Masking for pages and messages: enough left to recognise one's own data, too little to use someone else's.
 * Works on user-perceived characters (graphemes), so a masked name never splits a character. A value too short
 * to keep its ends and still hide at least four characters is masked entirely.
 */
const MINIMUM_HIDDEN = 4;
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
/** Printable ASCII never combines, so each character is a grapheme: the usual numbers skip the (costly) segmenter. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const graphemes = (value: string): string[] =>
  PRINTABLE_ASCII.test(value) ? value.split('') : Array.from(segmenter.segment(value), ({ segment }) => segment);

const maskMiddle = (value: string, keepStart: number, keepEnd: number): string => {
  const characters = graphemes(value);
  const hidden = characters.length - keepStart - keepEnd;
  if (hidden < MINIMUM_HIDDEN) return '*'.repeat(characters.length);
  return [...characters.slice(0, keepStart), '*'.repeat(hidden), ...characters.slice(characters.length - keepEnd)].join(
    '',
  );
};

/** `11010519491231002X` → `110***********002X`: the region prefix and the last four (as the logs show it). */
export const maskCitizenId = (value: string): string => maskMiddle(value, 3, 4);

/** `13812345678` → `138****5678`: the carrier prefix and the last four, as Chinese services commonly show it. */
export const maskPhone = (value: string): string => maskMiddle(value, 3, 4);

/** `91110000600037341L` → `91************341L`: the registering-authority and entity-type codes and the last four. */
export const maskUscc = (value: string): string => maskMiddle(value, 2, 4);

/** `张三丰` → `张**`, `张三` → `张*`, `王` → `*`: the surname stays, the given name is hidden. */
/**
 * `北京某某科技有限公司` → `北京******公司`. Organisations are masked too: a sole proprietorship's name may contain its
 * owner's name.
 */
export const maskOrganisationName = (value: string): string => maskMiddle(value, 2, 2);

export const maskName = (value: string): string => {
  const characters = graphemes(value);
  if (characters.length <= 1) return '*'.repeat(characters.length);
  return `${characters[0]}${'*'.repeat(characters.length - 1)}`;
};
