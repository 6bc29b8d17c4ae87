/**
 * Channel amounts as text → integer fen, with string and integer work only (never a float: `0.1 + 0.2` must not
 * happen to money). Both return `undefined` for anything that is not exactly such an amount; the parser names the line.
 */
const YUAN = /^(-?)(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;
const FEN = /^-?(0|[1-9]\d{0,14})$/;

/** `"12.34"` → 1234, `"-0.07"` → -7, `"12"` → 1200, `"12.3"` → 1230. At most 13 integer digits (safe in a double). */
export const yuanTextToFen = (text: string): number | undefined => {
  const match = YUAN.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' && fen !== 0 ? -fen : fen;
};

/** `"12345"` → 12345, `"-74"` → -74. */
export const fenTextToFen = (text: string): number | undefined => (FEN.test(text) ? Number(text) : undefined);
