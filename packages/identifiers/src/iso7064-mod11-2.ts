/**
 * ISO 7064 MOD 11-2 (GB/T 17710), the check of GB 11643 citizen ID numbers. Weight of position i (0-based, of 17)
 * is 2^(17-i) mod 11: 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2. The check value makes the weighted sum of all 18
 * characters (the check character with weight 1) ≡ 1 (mod 11): (12 - sum mod 11) mod 11, written X when 10.
 * Every weight is non-zero mod the prime 11 and each weight is twice the next, so every single-character
 * substitution and every transposition of two adjacent characters changes the sum and is detected.
 */
export const MOD11_2_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

const CHECK_CHARACTERS = '0123456789X';

/** The check character (`0`–`9` or `X`) for the first 17 digits of a citizen ID number. */
export const citizenIdCheckCharacter = (first17: string): string => {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('citizenIdCheckCharacter takes exactly 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (MOD11_2_WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS.charAt((12 - (sum % 11)) % 11);
};
