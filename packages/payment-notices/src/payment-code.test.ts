import { describe, expect, it } from 'vitest';
import { isDammValid } from './damm.ts';
import {
  formatPaymentCode,
  generatePaymentCode,
  isRegionCode,
  isValidPaymentCode,
  type PaymentCode,
  parsePaymentCode,
} from './payment-code.ts';

describe('payment codes', () => {
  it('are 20 digits: region, 13 random digits, a Damm check digit', () => {
    const code = generatePaymentCode('110105');
    expect(code).toMatch(/^110105[0-9]{14}$/);
    expect(isDammValid(code)).toBe(true);
  });

  it('pad small random draws to 13 digits', () => {
    expect(generatePaymentCode('310000', () => 42).slice(0, 19)).toBe('3100000000000000042');
  });

  it('draw their random part from the full range, so that they are neither sequential nor guessable', () => {
    const randomParts = new Set(Array.from({ length: 200 }, () => generatePaymentCode('110000').slice(6, 19)));
    expect(randomParts.size).toBe(200);
    const leadingDigits = new Set([...randomParts].map((part) => part.charAt(0)));
    expect(leadingDigits.size).toBeGreaterThan(5);
  });

  it('refuse a region that is not a province-level division', () => {
    expect(isRegionCode('990000')).toBe(false);
    expect(isRegionCode('11010')).toBe(false);
    expect(() => generatePaymentCode('990000')).toThrow(RangeError);
  });

  it('print in groups of four and parse back from that, full-width or with hyphens', () => {
    const code = generatePaymentCode('440300');
    const printed = formatPaymentCode(code);
    expect(printed).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    expect(parsePaymentCode(printed)).toBe(code);
    const fullWidth = printed.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(parsePaymentCode(fullWidth)).toBe(code);
    expect(parsePaymentCode(printed.replaceAll(' ', '-'))).toBe(code);
  });

  it('refuse a mistyped code with invalid_payment_code', () => {
    const code = generatePaymentCode('110000');
    const typo = `${code.slice(0, 10)}${(Number(code.charAt(10)) + 1) % 10}${code.slice(11)}` as PaymentCode;
    expect(() => parsePaymentCode(typo)).toThrow(expect.objectContaining({ code: 'invalid_payment_code' }));
    expect(isValidPaymentCode(code.slice(1))).toBe(false);
    expect(isValidPaymentCode(12345)).toBe(false);
    expect(isValidPaymentCode(code)).toBe(true);
  });
});
