/**
 * Alipay's wire amounts are decimal strings in yuan (`"12.34"`). The platform counts integer fen. Both directions are
 * pure string and integer work, with no float anywhere. `0.1 + 0.2` is exactly the kind of amount this must never
 * produce.
 */
const YUAN = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** `1234` → `"12.34"`, `5` → `"0.05"`, `100` → `"1.00"`. Always two decimals, as Alipay documents its amounts. */
export const fenToYuan = (fen: number): string => {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('fen must be a non-negative safe integer.');
  const digits = String(fen).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/**
 * `"12.34"` → `1234`, `"12.3"` → `1230`, `"12"` → `1200`. It refuses anything else: signs, exponents, spaces, a third
 * decimal, leading zeros. Such a string is not an amount Alipay sends, and guessing could lose a fen.
 */
export const yuanToFen = (yuan: string): number => {
  const match = typeof yuan === 'string' ? YUAN.exec(yuan) : null;
  if (!match) throw new RangeError(`Not a yuan amount: ${JSON.stringify(yuan)}.`);
  const [, whole = '0', fraction = ''] = match;
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (fen > MAX_FEN) throw new RangeError(`Yuan amount too large: ${yuan}.`);
  return Number(fen);
};
