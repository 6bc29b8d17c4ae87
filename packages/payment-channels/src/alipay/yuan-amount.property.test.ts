import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './yuan-amount.ts';

const fen = fc.maxSafeNat();
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const wholeYuan = fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) / 100n - 1n });

describe('yuan ↔ fen properties (exact, no float)', () => {
  it('fen → yuan → fen is the identity on every safe amount', () => {
    fc.assert(
      fc.property(fen, (amount) => {
        expect(yuanToFen(fenToYuan(amount))).toBe(amount);
      }),
    );
  });

  it('yuan is written with two decimals and the digits of the fen amount, nothing else', () => {
    fc.assert(
      fc.property(fen, (amount) => {
        const yuan = fenToYuan(amount);
        expect(yuan).toMatch(/^(0|[1-9]\d*)\.\d{2}$/);
        expect(yuan.replace('.', '').replace(/^0+(?=\d)/, '')).toBe(String(amount));
      }),
    );
  });

  it('reads "Y.FF" as Y·100 + FF, by integer arithmetic (checked with BigInt)', () => {
    fc.assert(
      fc.property(wholeYuan, twoDigits, (whole, fraction) => {
        expect(BigInt(yuanToFen(`${whole}.${fraction}`))).toBe(whole * 100n + BigInt(fraction));
      }),
    );
  });

  it('reads one decimal as tenths and no decimal as whole yuan', () => {
    fc.assert(
      fc.property(wholeYuan, fc.integer({ min: 0, max: 9 }), (whole, tenth) => {
        expect(BigInt(yuanToFen(`${whole}.${tenth}`))).toBe(whole * 100n + BigInt(tenth * 10));
        expect(BigInt(yuanToFen(`${whole}`))).toBe(whole * 100n);
      }),
    );
  });

  it('preserves order: more fen, more yuan (compared as decimals)', () => {
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        fc.pre(a < b);
        expect(yuanToFen(fenToYuan(a)) < yuanToFen(fenToYuan(b))).toBe(true);
      }),
    );
  });

  it('gets right the amounts floats get wrong', () => {
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(yuanToFen('4.35')).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('refuses anything that is not a plain yuan amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            '',
            '.5',
            '1.',
            '1.234',
            '-1.00',
            '+1',
            '1e2',
            ' 1.00',
            '1.00 ',
            '01.00',
            '1,00',
            'NaN',
            '0x10',
          ),
          fc.string().filter((s) => !/^(0|[1-9]\d*)(\.\d{1,2})?$/.test(s)),
        ),
        (text) => {
          expect(() => yuanToFen(text)).toThrow(RangeError);
        },
      ),
    );
    expect(() => yuanToFen('90071992547409.92')).toThrow(RangeError);
  });

  it('refuses fen that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => fenToYuan(bad)).toThrow(RangeError);
    }
  });
});
