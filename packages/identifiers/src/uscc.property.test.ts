import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET } from './gb32100-check.ts';
import { toFullWidth, usccArbitrary } from './test-support/arbitraries.ts';
import { isValidUscc, parseUscc } from './uscc.ts';

describe('USCC properties', () => {
  it('every generated code is valid and parses back to its own spelling', () => {
    fc.assert(
      fc.property(usccArbitrary, (code) => {
        expect(parseUscc(code)).toMatchObject({ ok: true, value: code });
      }),
    );
  });

  it('detects every substitution of one character by another alphabet character (mod 31, no zero weight)', () => {
    fc.assert(
      fc.property(usccArbitrary, fc.nat(17), fc.nat(29), (code, index, pick) => {
        const replacement = USCC_ALPHABET.replace(code.charAt(index), '').charAt(pick);
        expect(isValidUscc(`${code.slice(0, index)}${replacement}${code.slice(index + 1)}`)).toBe(false);
      }),
    );
  });

  it('detects every transposition of two adjacent different characters, the check character included', () => {
    fc.assert(
      fc.property(usccArbitrary, fc.nat(16), (code, index) => {
        fc.pre(code.charAt(index) !== code.charAt(index + 1));
        const swapped = `${code.slice(0, index)}${code.charAt(index + 1)}${code.charAt(index)}${code.slice(index + 2)}`;
        expect(isValidUscc(swapped)).toBe(false);
      }),
    );
  });

  it('parses full-width, lower-case and spaced spellings to the same value', () => {
    fc.assert(
      fc.property(usccArbitrary, (code) => {
        for (const typed of [toFullWidth(code), code.toLowerCase(), `${code.slice(0, 9)} ${code.slice(9)}`]) {
          expect(parseUscc(typed)).toMatchObject({ ok: true, value: code });
        }
      }),
    );
  });
});
