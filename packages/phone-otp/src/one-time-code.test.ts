import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateOneTimeCode, hashOneTimeCode, oneTimeCodeMatches, parseSubmittedCode } from './one-time-code.ts';

describe('generateOneTimeCode', () => {
  it('is always six digits, leading zeros kept, for every value the random source can give', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (value) => {
        const code = generateOneTimeCode(() => value);
        expect(code).toMatch(/^\d{6}$/);
        expect(Number(code)).toBe(value);
      }),
    );
    expect(generateOneTimeCode(() => 42)).toBe('000042');
  });

  it('asks the random source for a number below 10^6', () => {
    let asked = 0;
    generateOneTimeCode((max) => {
      asked = max;
      return 0;
    });
    expect(asked).toBe(1_000_000);
  });

  it('draws from crypto.randomInt by default: six digits, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, () => generateOneTimeCode());
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    const firstDigits = new Set(codes.map((code) => code[0]));
    expect(firstDigits.size).toBe(10); // leading zeros happen
  });
});

describe('parseSubmittedCode', () => {
  it('accepts six digits, with spaces or full-width digits', () => {
    expect(parseSubmittedCode('012345')).toBe('012345');
    expect(parseSubmittedCode(' 012 345 ')).toBe('012345');
    expect(parseSubmittedCode('０１２３４５')).toBe('012345');
  });

  it.each(['12345', '1234567', '12a456', '', '١٢٣٤٥٦'])('refuses %j as invalid_code_format', (input) => {
    expect(() => parseSubmittedCode(input)).toThrow(expect.objectContaining({ code: 'invalid_code_format' }));
  });

  it('refuses non-strings', () => {
    expect(() => parseSubmittedCode(123456)).toThrow(expect.objectContaining({ code: 'invalid_code_format' }));
  });
});

describe('code hash', () => {
  const key = randomBytes(32);

  it('matches the code it was made from, for that challenge only', () => {
    const hash = hashOneTimeCode(key, 'challenge-a', '004217');
    expect(oneTimeCodeMatches(key, 'challenge-a', '004217', hash)).toBe(true);
    expect(oneTimeCodeMatches(key, 'challenge-a', '004218', hash)).toBe(false);
    expect(oneTimeCodeMatches(key, 'challenge-b', '004217', hash)).toBe(false);
    expect(oneTimeCodeMatches(randomBytes(32), 'challenge-a', '004217', hash)).toBe(false);
  });

  it('does not contain the code and refuses a truncated hash', () => {
    const hash = hashOneTimeCode(key, 'c', '123456');
    expect(hash).not.toContain('123456');
    expect(oneTimeCodeMatches(key, 'c', '123456', hash.slice(0, 20))).toBe(false);
  });
});
