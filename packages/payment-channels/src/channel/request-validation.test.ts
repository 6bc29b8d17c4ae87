import { describe, expect, it } from 'vitest';
import type { CreatePaymentInput } from './payment-channel.ts';
import { assertCreatePaymentInput, assertRefundInput } from './request-validation.ts';

const valid: CreatePaymentInput = {
  orderNumber: 'ORD-2025_0001',
  amountFen: 1,
  subject: '缴费',
  expiresAt: '2025-03-01T00:00:00Z',
  returnUrl: 'https://pay.example.gov.cn/return',
  notifyUrl: 'https://pay.example.gov.cn/notify/alipay',
};

describe('what every adapter accepts', () => {
  it('accepts a well-formed payment', () => {
    expect(() => assertCreatePaymentInput(valid)).not.toThrow();
  });

  it.each([
    ['an order number with a dot', { orderNumber: 'ORD.1' }],
    ['an order number of 33 characters', { orderNumber: 'A'.repeat(33) }],
    ['a zero amount', { amountFen: 0 }],
    ['a fractional amount', { amountFen: 12.5 }],
    ['an empty subject', { subject: '' }],
    ['a local time', { expiresAt: 'tomorrow' }],
    ['a relative notify URL', { notifyUrl: '/notify' }],
  ])('refuses %s', (_label, change) => {
    expect(() => assertCreatePaymentInput({ ...valid, ...change })).toThrow();
  });

  it('refuses refunds without a proper number or amount', () => {
    const refund = { orderNumber: 'ORD1', refundNumber: 'RF1', amountFen: 100, reason: '' };
    expect(() => assertRefundInput(refund)).not.toThrow();
    expect(() => assertRefundInput({ ...refund, refundNumber: '' })).toThrow(TypeError);
    expect(() => assertRefundInput({ ...refund, amountFen: -1 })).toThrow(RangeError);
  });
});
