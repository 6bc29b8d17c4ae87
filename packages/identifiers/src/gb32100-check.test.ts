import { describe, expect, it } from 'vitest';
import { GB32100_WEIGHTS, USCC_ALPHABET, usccCharacterValue, usccCheckCharacter } from './gb32100-check.ts';

describe('GB 32100 check character', () => {
  it('has the 31-character alphabet without I, O, Z, S, V', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(USCC_ALPHABET).not.toMatch(/[IOZSV]/);
    expect(usccCharacterValue('J')).toBe(18);
    expect(usccCharacterValue('Y')).toBe(30);
    expect(usccCharacterValue('I')).toBeUndefined();
  });

  it('uses the weights 3^i mod 31', () => {
    expect(GB32100_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it('computes the check character of a public example by the formula', () => {
    // 91350100M000100Y4: 9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + M(21)·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + Y(30)·30
    // + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('writes 31 as 0', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    expect(usccCheckCharacter('10000000000000000')).toBe('Y'); // 31 − 1 = 30
  });

  it('refuses input that is not 17 alphabet characters', () => {
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow(RangeError);
  });
});
