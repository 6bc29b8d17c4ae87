import type { PaymentNotice } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import { myNoticesPage, signedOutPage, signInFailedPage } from './payer-pages.ts';

const notice = (overrides: Partial<PaymentNotice>): PaymentNotice => ({
  noticeId: 'AAAAAAAAAAAAAAAAAAAAAA',
  paymentCode: '11000012345678901234' as PaymentNotice['paymentCode'],
  departmentId: 'bj-public-security',
  itemCode: '103050101',
  itemNameZh: '道路交通安全违法罚款<script>',
  regionCode: '110000',
  payer: {
    kind: 'natural-person',
    index: 'index',
    sealedIdentifier: 'sealed',
    sealedName: 'sealed',
    maskedIdentifier: '110***********0113',
    maskedName: '张*',
  },
  amountFen: 12_345,
  dueDate: '2099-12-31',
  dueAt: '2099-12-31T16:00:00.000Z',
  description: '',
  metadata: {},
  issuedAt: '2026-11-23T00:00:00.000Z',
  status: 'issued',
  paidFen: 0,
  refundedFen: 0,
  sequence: 1,
  updatedAt: '2026-11-23T00:00:00.000Z',
  ...overrides,
});

const profile = { kind: 'citizen-id' as const, payerIndex: 'x', maskedIdentifier: '110***********0113' };

describe('payer pages', () => {
  it('lists notices with a pay button for open ones, a receipt link for paid ones, and a sign-out form', () => {
    const open = notice({});
    const paid = notice({
      noticeId: 'BBBBBBBBBBBBBBBBBBBBBB',
      paymentCode: '11000099999999999999' as never,
      status: 'paid',
    });
    const { body, statusCode, headers } = myNoticesPage(
      profile,
      [
        { notice: open, payable: true },
        { notice: paid, payable: false, receiptNumber: 'R2026-0001', receiptCode: 'ABCD2345EFGH6789' },
      ],
      'csrf-token',
    );
    expect(statusCode).toBe(200);
    expect(headers?.['cache-control']).toBe('no-store');
    expect(body).toContain('id="pay-11000012345678901234"');
    expect(body).not.toContain('id="pay-11000099999999999999"');
    expect(body).toContain('href="/receipts/R2026-0001?code=ABCD2345EFGH6789"');
    expect(body).toContain('¥123.45');
    expect(body).toContain('name="csrf" value="csrf-token"');
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toContain('<script>');
  });

  it('links the older page of the listing when there is one', () => {
    expect(myNoticesPage(profile, [{ notice: notice({}), payable: true }], 't', 'abc+/=').body).toContain(
      'href="/my?cursor=abc%2B%2F%3D"',
    );
    expect(myNoticesPage(profile, [], 't').body).not.toContain('older-notices');
  });

  it('shows an open notice past its due instant as past due, without a pay button', () => {
    const { body } = myNoticesPage(profile, [{ notice: notice({}), payable: false }], 't');
    expect(body).toContain('已逾期');
    expect(body).not.toContain('id="pay-');
  });

  it('offers only a sign-in button when signed out, and says why a sign-in failed', () => {
    expect(signedOutPage().body).toContain('id="sign-in"');
    const failed = signInFailedPage('refused');
    expect(failed.statusCode).toBe(403);
    expect(failed.body).toContain('data-failure="refused"');
  });
});
