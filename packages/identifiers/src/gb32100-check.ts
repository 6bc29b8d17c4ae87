/**
 * The character set and check character of GB 32100-2015 (ISO 7064 pure system over 31 characters, GB/T 17710).
 * The 31 characters are the digits and the capital letters without I, O, Z, S and V, which are too easily read as
 * 1, 0, 2, 5 and U; a character's value is its index here (A = 10, …, H = 17, J = 18, …, Y = 30).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The letters GB 32100 never uses. */
export const FORBIDDEN_USCC_LETTERS = 'IOZSV';

/**
 * W_i = 3^i mod 31 for i = 0..16: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
 * 31 is prime and no weight is 0 mod 31, so a single-character substitution (values differ by 1..30) always changes
 * the sum. Adjacent weights differ by W_i·(3 − 1) = 2·3^i, also non-zero mod 31, so swapping two adjacent different
 * characters among the first 17 is always detected; and the check character, which acts with weight 1 against
 * W_16 = 28, is detected swapped with character 17 as well (28 − 1 = 27 ≠ 0 mod 31).
 */
export const GB32100_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** The value of each alphabet character; absent for anything outside the alphabet. */
const VALUES = new Map([...USCC_ALPHABET].map((character, index) => [character, index]));

export const usccCharacterValue = (character: string): number | undefined => VALUES.get(character);

/** C18 = 31 − (Σ value(c_i)·W_i mod 31), where 31 is written 0: the total then is ≡ 0 (mod 31). */
export const usccCheckCharacter = (first17: string): string => {
  if (first17.length !== 17) throw new RangeError('usccCheckCharacter takes exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = usccCharacterValue(first17.charAt(i));
    if (value === undefined) throw new RangeError(`usccCheckCharacter: character ${i + 1} is not in the USCC alphabet`);
    sum += value * (GB32100_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
};
