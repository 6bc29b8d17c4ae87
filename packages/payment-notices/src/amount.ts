import { PaymentNoticeError } from './payment-notice-errors.ts';

/** An amount of money in fen (分, the CNY minor unit): a positive safe integer. Only `parseAmountFen` makes one. */
export type AmountFen = number & { readonly __brand: 'AmountFen' };

/**
 * 10^11 fen = 1 billion yuan: far above any fee or fine, far below 2^53, so sums of amounts on one notice (paid,
 * refunded) stay exact integers in JavaScript and in DynamoDB numbers.
 */
export const MAXIMUM_AMOUNT_FEN = 100_000_000_000;

/**
 * Accepts only a JavaScript number that is an integer from 1 to 10^11. Strings (`"100"`), floats (`1.5`, the yuan
 * amount `12.30` sent by mistake), NaN, infinities and bigints are refused, never converted: a department that sends
 * yuan instead of fen must hear about it, not pay or charge a hundred times too little.
 */
export const parseAmountFen = (input: unknown, field = 'amountFen'): AmountFen => {
  if (typeof input !== 'number' || !Number.isInteger(input)) {
    throw new PaymentNoticeError('amount_not_integer', { field, detailZh: '金额必须是以“分”为单位的整数。' });
  }
  if (input <= 0) throw new PaymentNoticeError('amount_not_positive', { field, detailZh: '金额至少为1分。' });
  if (input > MAXIMUM_AMOUNT_FEN) {
    throw new PaymentNoticeError('amount_too_large', { field, detailZh: '金额不得超过10亿元。' });
  }
  return input as AmountFen;
};

/** `12345` → `123.45`, for display only: arithmetic stays in fen. */
export const formatYuan = (fen: number): string =>
  `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
