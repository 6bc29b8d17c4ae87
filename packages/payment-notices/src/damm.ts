/**
 * The Damm check digit (H. Michael Damm, 2004) over decimal digits. Its table is a totally anti-symmetric
 * quasigroup of order 10, which makes one check digit detect every single wrong digit and every swap of two
 * neighbouring different digits — the two commonest typing errors. Luhn misses the swap 09 ↔ 90; Verhoeff
 * also catches both but needs three tables.
 */
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The interim digit after `digits`; throws on anything but ASCII digits. */
const interim = (digits: string): number => {
  let state = 0;
  for (const character of digits) {
    const digit = character.charCodeAt(0) - 48;
    if (character.length !== 1 || digit < 0 || digit > 9) throw new RangeError('Damm: digits 0-9 only');
    state = TABLE[state]?.[digit] ?? 0;
  }
  return state;
};

/** The digit to append to `digits`. */
export const dammCheckDigit = (digits: string): string => String(interim(digits));

/** Whether `digitsWithCheck` (its last digit being the check digit) is intact. */
export const isDammValid = (digitsWithCheck: string): boolean =>
  /^[0-9]+$/.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
