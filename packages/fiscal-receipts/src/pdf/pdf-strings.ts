/**
 * Text as a PDF content stream spells it. Latin text goes to Helvetica as a literal string (WinAnsi, ASCII only
 * here); anything else goes to STSong-Light under the `UniGB-UCS2-H` CMap, whose codes are UCS-2 big-endian code
 * units, written as a hex string: 张 (U+5F20) → `<5F20>`.
 */
export const isPrintableAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

/** `(…)` with `\`, `(` and `)` escaped; refuses anything outside printable ASCII rather than printing garbage. */
export const pdfLiteral = (text: string): string => {
  if (!isPrintableAscii(text)) throw new RangeError('pdfLiteral: printable ASCII only');
  return `(${text.replaceAll(/[\\()]/g, (character) => `\\${character}`)})`;
};

/**
 * UCS-2 cannot express characters beyond the Basic Multilingual Plane (rare CJK extension B names, emoji), and the
 * CMap has no code for them: they print as □ (U+25A1) instead of breaking the string into surrogate halves.
 */
const NOT_IN_BMP = 0x25a1;

export const pdfUcs2Hex = (text: string): string => {
  let hex = '';
  for (const character of text) {
    const point = character.codePointAt(0) ?? NOT_IN_BMP;
    hex += (point > 0xffff ? NOT_IN_BMP : point).toString(16).toUpperCase().padStart(4, '0');
  }
  return `<${hex}>`;
};
