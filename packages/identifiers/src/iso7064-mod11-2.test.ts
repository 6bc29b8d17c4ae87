import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, MOD11_2_WEIGHTS } from './iso7064-mod11-2.ts';

describe('ISO 7064 MOD 11-2', () => {
  it('uses the GB 11643 weights 2^(17-i) mod 11', () => {
    expect(MOD11_2_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  });

  it('computes the check character of public examples', () => {
    // 1·7+1·9+0+1·5+0+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 167; 167 mod 11 = 2; (12 − 2) mod 11 = 10 → X.
    expect(citizenIdCheckCharacter('11010519491231002')).toBe('X');
    expect(citizenIdCheckCharacter('44052418800101001')).toBe('4');
  });

  it('writes 10 as X and wraps 11 to 0', () => {
    // All zeros: sum 0, (12 − 0) mod 11 = 1. Sum ≡ 1 gives 0 (11 mod 11); sum ≡ 2 gives X.
    expect(citizenIdCheckCharacter('00000000000000000')).toBe('1');
    expect(citizenIdCheckCharacter('00000001000000000')).toBe('0'); // weight 1 at position 8
    expect(citizenIdCheckCharacter('00000010000000000')).toBe('X'); // weight 2 at position 7
  });

  it('refuses anything but 17 ASCII digits', () => {
    expect(() => citizenIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => citizenIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});
