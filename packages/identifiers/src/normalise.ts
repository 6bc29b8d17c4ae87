/**
 * The one spelling of an identifier that every rule below checks and every store keys on: what people type from
 * Chinese input methods (full-width `１１０１…Ｘ`, a lower-case `x`, spaces between groups of digits, an ideographic
 * space) all become the same ASCII string. Idempotent.
 *
 * Only the full-width ASCII block (U+FF01–U+FF5E) is folded, not all of NFKC: NFKC would also turn `①`, `²` or `𝟏`
 * into digits, and an identifier spelt with those is a typing accident to reject, not to guess at.
 */
export const normaliseIdentifier = (input: string): string =>
  input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/** Anything longer is not an identifier, whatever it contains; checked before any other work on untrusted input. */
export const MAXIMUM_INPUT_LENGTH = 64;
