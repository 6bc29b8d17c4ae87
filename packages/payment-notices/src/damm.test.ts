import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit, isDammValid } from './damm.ts';

const digitString = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

/** 19-digit bodies: a payment code without its check digit. */
const body = digitString(19);

describe('Damm check digit', () => {
  it('matches the published example: 572 → 4', () => {
    expect(dammCheckDigit('572')).toBe('4');
    expect(isDammValid('5724')).toBe(true);
    expect(isDammValid('5727')).toBe(false);
  });

  it('refuses what is not digits', () => {
    expect(() => dammCheckDigit('12a')).toThrow(RangeError);
    expect(isDammValid('')).toBe(false);
    expect(isDammValid('１２')).toBe(false);
  });

  it('catches the swap 09 ↔ 90 that Luhn misses', () => {
    const withCheck = `1209${dammCheckDigit('1209')}`;
    expect(isDammValid(withCheck)).toBe(true);
    expect(isDammValid(`1290${withCheck.slice(4)}`)).toBe(false);
  });

  it('every body with its check digit is valid', () => {
    fc.assert(
      fc.property(body, (digits) => {
        expect(isDammValid(`${digits}${dammCheckDigit(digits)}`)).toBe(true);
      }),
    );
  });

  it('detects every single wrong digit, the check digit included', () => {
    fc.assert(
      fc.property(body, fc.nat(19), fc.integer({ min: 1, max: 9 }), (digits, index, shift) => {
        const code = `${digits}${dammCheckDigit(digits)}`;
        const wrong = String((Number(code.charAt(index)) + shift) % 10);
        expect(isDammValid(`${code.slice(0, index)}${wrong}${code.slice(index + 1)}`)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('detects every swap of two neighbouring different digits, the check digit included', () => {
    fc.assert(
      fc.property(body, fc.nat(18), (digits, index) => {
        const code = `${digits}${dammCheckDigit(digits)}`;
        fc.pre(code.charAt(index) !== code.charAt(index + 1));
        const swapped = `${code.slice(0, index)}${code.charAt(index + 1)}${code.charAt(index)}${code.slice(index + 2)}`;
        expect(isDammValid(swapped)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('exhaustively, on every two-digit context: all single errors and adjacent swaps are caught', () => {
    // Damm's guarantee rests on the table alone; checking every prefix state × digit pair proves it for any length.
    for (let prefix = 0; prefix < 100; prefix += 1) {
      const start = String(prefix).padStart(2, '0');
      for (let a = 0; a < 10; a += 1) {
        for (let b = 0; b < 10; b += 1) {
          const code = `${start}${a}${b}`;
          const valid = `${code}${dammCheckDigit(code)}`;
          if (a !== b) expect(isDammValid(`${start}${b}${a}${valid.slice(4)}`)).toBe(false);
          for (let c = 0; c < 10; c += 1) {
            if (c !== a) expect(isDammValid(`${start}${c}${valid.slice(3)}`)).toBe(false);
          }
        }
      }
    }
  });
});
