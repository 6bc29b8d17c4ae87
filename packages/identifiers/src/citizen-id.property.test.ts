import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidCitizenId, parseCitizenId } from './citizen-id.ts';
import { citizenIdArbitrary, TODAY, toFullWidth } from './test-support/arbitraries.ts';

const valid = (id: string): boolean => isValidCitizenId(id, { today: TODAY });
const DIGITS = '0123456789';

describe('citizen ID properties', () => {
  it('every generated number is valid and parses back to its own spelling', () => {
    fc.assert(
      fc.property(citizenIdArbitrary, (id) => {
        const result = parseCitizenId(id, { today: TODAY });
        expect(result.ok && result.value).toBe(id);
      }),
    );
  });

  it('detects every single-character substitution (ISO 7064 MOD 11-2)', () => {
    fc.assert(
      fc.property(citizenIdArbitrary, fc.nat(17), fc.nat(10), (id, index, pick) => {
        const allowed = (index === 17 ? `${DIGITS}X` : DIGITS).replace(id.charAt(index), '');
        const replacement = allowed.charAt(pick % allowed.length);
        expect(valid(`${id.slice(0, index)}${replacement}${id.slice(index + 1)}`)).toBe(false);
      }),
    );
  });

  it('detects every transposition of two adjacent different characters', () => {
    fc.assert(
      fc.property(citizenIdArbitrary, fc.nat(16), (id, index) => {
        fc.pre(id.charAt(index) !== id.charAt(index + 1));
        const swapped = `${id.slice(0, index)}${id.charAt(index + 1)}${id.charAt(index)}${id.slice(index + 2)}`;
        expect(valid(swapped)).toBe(false);
      }),
    );
  });

  it('parses full-width, lower-case and spaced spellings to the same value', () => {
    fc.assert(
      fc.property(citizenIdArbitrary, (id) => {
        for (const typed of [
          toFullWidth(id),
          id.toLowerCase(),
          `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
        ]) {
          const result = parseCitizenId(typed, { today: TODAY });
          expect(result.ok && result.value).toBe(id);
        }
      }),
    );
  });
});
