import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedValueError } from './errors.ts';
import { formatSealedValue, isSealedValue, parseSealedValue } from './sealed-value.ts';

describe('sealed value format', () => {
  const parts = {
    kind: 'phone' as const,
    keyId: 'arn:aws:kms:cn-north-1:111122223333:key/abc',
    wrappedKey: randomBytes(60),
    iv: randomBytes(12),
    ciphertext: randomBytes(27),
  };

  it('round-trips through one dot-separated ASCII string', () => {
    const sealed = formatSealedValue(parts);
    expect(sealed).toMatch(/^v1\.phone(\.[A-Za-z0-9_-]+){4}$/);
    expect(isSealedValue(sealed)).toBe(true);
    expect(parseSealedValue(sealed)).toEqual(parts);
  });

  it('accepts only the canonical base64url spelling of each part', () => {
    const sealed = formatSealedValue(parts);
    // 17 bytes take 23 characters with 2 spare bits: flipping the last bit of the last character changes the
    // string but not what a lenient decoder returns.
    const odd = formatSealedValue({ ...parts, ciphertext: randomBytes(17) });
    const last = odd.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? '';
    expect(() => parseSealedValue(`${odd.slice(0, -1)}${sibling}`)).toThrow(SealedValueError);
    expect(() => parseSealedValue(`${sealed}=`)).toThrow(SealedValueError);
  });

  it('tells strings that are not sealed values apart', () => {
    expect(isSealedValue('13812345678')).toBe(false);
    expect(isSealedValue(undefined)).toBe(false);
  });
});
