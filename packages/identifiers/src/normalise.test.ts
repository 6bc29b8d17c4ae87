import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier } from './normalise.ts';
import { toFullWidth } from './test-support/arbitraries.ts';

describe('normaliseIdentifier', () => {
  it('folds full-width digits and letters, removes every space, upper-cases', () => {
    expect(normaliseIdentifier('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normaliseIdentifier(' 110105 19491231 002x\t')).toBe('11010519491231002X');
    expect(normaliseIdentifier('９１３５０１００ｍ０００１００ｙ４３\u3000')).toBe('91350100M000100Y43');
  });

  it('does not fold other compatibility forms into digits', () => {
    expect(normaliseIdentifier('①²𝟏')).toBe('①²𝟏');
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map(toFullWidth)), (input) => {
        const once = normaliseIdentifier(input);
        expect(normaliseIdentifier(once)).toBe(once);
      }),
    );
  });
});
