import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, MAXIMUM_AMOUNT_FEN, parseAmountFen } from './amount.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

const codeOf = (input: unknown): string | undefined => {
  try {
    parseAmountFen(input);
    return undefined;
  } catch (error) {
    if (!(error instanceof PaymentNoticeError)) throw error;
    expect(error.field).toBe('amountFen');
    return error.code;
  }
};

describe('parseAmountFen', () => {
  it('accepts integers from 1 fen to 1 billion yuan', () => {
    expect(parseAmountFen(1)).toBe(1);
    expect(parseAmountFen(12_345)).toBe(12_345);
    expect(parseAmountFen(MAXIMUM_AMOUNT_FEN)).toBe(100_000_000_000);
  });

  it.each([
    ['a string of digits', '100', 'amount_not_integer'],
    ['a yuan amount with fen as a fraction', 12.3, 'amount_not_integer'],
    ['NaN', Number.NaN, 'amount_not_integer'],
    ['Infinity', Number.POSITIVE_INFINITY, 'amount_not_integer'],
    ['a bigint', 100n, 'amount_not_integer'],
    ['null', null, 'amount_not_integer'],
    ['absent', undefined, 'amount_not_integer'],
    ['zero', 0, 'amount_not_positive'],
    ['minus zero', -0, 'amount_not_positive'],
    ['a negative amount', -100, 'amount_not_positive'],
    ['one fen too many', MAXIMUM_AMOUNT_FEN + 1, 'amount_too_large'],
    ['a huge integer', 1e300, 'amount_too_large'],
  ])('refuses %s', (_, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the field it is given', () => {
    expect(() => parseAmountFen(0, 'refund.amountFen')).toThrow(expect.objectContaining({ field: 'refund.amountFen' }));
  });

  it('fuzz: anything either is a positive integer up to 10^11 and comes back unchanged, or is refused with a code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.maxSafeInteger(), fc.string()), (input) => {
        const code = codeOf(input);
        const acceptable =
          typeof input === 'number' && Number.isInteger(input) && input > 0 && input <= MAXIMUM_AMOUNT_FEN;
        if (acceptable) expect(parseAmountFen(input)).toBe(input);
        else expect(['amount_not_integer', 'amount_not_positive', 'amount_too_large']).toContain(code);
      }),
      { numRuns: 2_000 },
    );
  });

  it('fuzz: every non-integer number is amount_not_integer, whatever its sign or size', () => {
    fc.assert(
      fc.property(
        fc.double().filter((value) => !Number.isInteger(value)),
        (input) => {
          expect(codeOf(input)).toBe('amount_not_integer');
        },
      ),
    );
  });
});

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(12_345)).toBe('123.45');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(100)).toBe('1.00');
  });
});
