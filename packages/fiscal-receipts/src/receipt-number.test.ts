import { isDammValid } from '@platform/payment-notices';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FiscalReceiptError } from './receipt-errors.ts';
import { fiscalYearOf, formatReceiptNumber, parseReceiptNumber, receiptNumberFor } from './receipt-number.ts';
import { paidNotice } from './test-support/receipt-fixtures.ts';

describe('receipt numbers', () => {
  it('are 24 digits: region, fiscal year, serial, Damm check digit', () => {
    const number = receiptNumberFor(paidNotice());
    expect(number).toMatch(/^1100002025\d{14}$/);
    expect(isDammValid(number)).toBe(true);
  });

  it('are a function of the notice, so issuing twice finds the same number', () => {
    expect(receiptNumberFor(paidNotice())).toBe(receiptNumberFor(paidNotice({ updatedAt: 'later' })));
  });

  it('differ for different payment codes and do not spell the payment code', () => {
    const a = paidNotice({}, 1);
    const b = paidNotice({}, 2);
    expect(receiptNumberFor(a)).not.toBe(receiptNumberFor(b));
    expect(receiptNumberFor(a)).not.toContain(a.paymentCode.slice(6, 19));
  });

  it('are distinct for distinct payment codes and always parse (the serial is a bijection)', () => {
    const random = fc.integer({ min: 0, max: 10 ** 13 - 1 });
    fc.assert(
      fc.property(random, random, (a, b) => {
        const first = receiptNumberFor(paidNotice({}, a));
        expect(parseReceiptNumber(first)).toBe(first);
        return a === b || first !== receiptNumberFor(paidNotice({}, b));
      }),
      { numRuns: 500 },
    );
  });

  it('take the year of payment in China (UTC+8)', () => {
    expect(fiscalYearOf('2025-12-31T15:59:59.999Z')).toBe(2025);
    expect(fiscalYearOf('2025-12-31T16:00:00.000Z')).toBe(2026);
    const notice = paidNotice({
      payment: { paymentId: 'P', channel: 'sandbox', channelTransactionId: 'T', paidAt: '2025-12-31T16:30:00.000Z' },
    });
    expect(receiptNumberFor(notice).slice(6, 10)).toBe('2026');
  });

  it('are refused for an unpaid notice', () => {
    const { payment: _payment, ...unpaid } = paidNotice({ status: 'issued' });
    expect(() => receiptNumberFor(unpaid)).toThrow(FiscalReceiptError);
  });

  it('parse as printed, and refuse any single wrong digit', () => {
    const number = receiptNumberFor(paidNotice());
    expect(parseReceiptNumber(formatReceiptNumber(number))).toBe(number);
    expect(formatReceiptNumber(number)).toMatch(/^(\d{4} ){5}\d{4}$/);
    for (let i = 0; i < number.length; i += 1) {
      const digit = Number(number[i]);
      const slipped = `${number.slice(0, i)}${(digit + 1) % 10}${number.slice(i + 1)}`;
      expect(() => parseReceiptNumber(slipped)).toThrow(expect.objectContaining({ code: 'invalid_receipt_number' }));
    }
    expect(() => parseReceiptNumber('x')).toThrow(FiscalReceiptError);
    expect(() => parseReceiptNumber(undefined)).toThrow(FiscalReceiptError);
  });
});
