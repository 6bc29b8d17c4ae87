import { describe, expect, it } from 'vitest';
import { formatVerificationCode, parseVerificationCode, verificationCodeOf } from './verification-code.ts';

const JWS = 'eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJlLWJ5dGVz';

describe('verification codes', () => {
  it('are 16 Crockford base32 characters derived from the signature only', () => {
    const code = verificationCodeOf(JWS);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(verificationCodeOf(`other.header.${JWS.split('.')[2]}`)).toBe(code);
    expect(verificationCodeOf(`${JWS}x`)).not.toBe(code);
  });

  it('parse as people type them', () => {
    const code = verificationCodeOf(JWS);
    expect(parseVerificationCode(formatVerificationCode(code).toLowerCase())).toBe(code);
    expect(formatVerificationCode(code)).toMatch(/^(.{4}-){3}.{4}$/);
    expect(parseVerificationCode('oooo iiii llll 0000')).toBe('0000111111110000');
  });

  it('refuse anything else', () => {
    for (const input of ['', 'ABC', 'UUUUUUUUUUUUUUUU', 42, undefined, 'A'.repeat(65)]) {
      expect(() => parseVerificationCode(input)).toThrow(
        expect.objectContaining({ code: 'invalid_verification_code' }),
      );
    }
  });
});
