/**
 * A person's name as the registries hold it: Han characters, with `·` between the parts of transliterated names
 * (阿依古丽·买买提); Latin letters and spaces are let through for the few records kept that way.
 *
 * Normalised like the blind index of `@platform/personal-data` normalises a `name`: NFC (never NFKC, which would fold
 * ideographs into others), trimmed, inner spaces collapsed, and the look-alike dots people type (`•`, `・`, `．`…)
 * turned into the one middle dot U+00B7; spaces between Han characters are dropped.
 */
export const MAXIMUM_NAME_LENGTH = 50;

const NAME = /^[\p{Script=Han}A-Za-z](?:[\p{Script=Han}A-Za-z ·]*[\p{Script=Han}A-Za-z])?$/u;

export const normalisePersonName = (input: unknown): string | undefined => {
  if (typeof input !== 'string' || input.length > 4 * MAXIMUM_NAME_LENGTH || !input.isWellFormed()) return undefined;
  const name = input
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*[·•∙⋅・･．.]\s*/g, '·')
    // Chinese names have no spaces: "张 三" is 张三, not a reason for a failed check that counts towards a lockout.
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
  if ([...name].length > MAXIMUM_NAME_LENGTH || !NAME.test(name) || name.includes('··')) return undefined;
  return name;
};
