import { describe, expect, it } from 'vitest';
import { decideCancellation } from './decide-cancellation.ts';
import { decideExpiry } from './decide-expiry.ts';
import { decidePayment, type PaymentReport } from './decide-payment.ts';
import { decideRefund } from './decide-refund.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { AlreadyPaidError } from './payment-notice-errors.ts';
import { applyNoticeEvent } from './rebuild-notice.ts';
import { issuedEvent } from './test-support/notice-fixtures.ts';

const AT = '2025-03-02T00:00:00.000Z';
const notice = issuedEvent().notice;
const report: PaymentReport = {
  noticeId: notice.noticeId,
  paymentId: 'pay-1',
  channel: 'alipay',
  channelTransactionId: '2025030222001400000000000001',
  amountFen: notice.amountFen,
  paidAt: new Date(AT),
};
const paidNotice = (): PaymentNotice => applyNoticeEvent(notice, decidePayment(notice, report, AT));

describe('decidePayment', () => {
  it('pays an issued notice in full before its due instant', () => {
    expect(decidePayment(notice, report, AT)).toMatchObject({ type: 'notice.paid', sequence: 2, amountFen: 10_000 });
  });

  it('refuses a second payment with AlreadyPaidError naming the first', () => {
    const error = (() => {
      try {
        decidePayment(paidNotice(), { ...report, paymentId: 'pay-2' }, AT);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AlreadyPaidError);
    expect(error).toMatchObject({ paymentId: 'pay-1', code: 'notice_already_paid', status: 409 });
  });

  it('refuses another amount, a payment on or after dueAt, a cancelled notice and malformed references', () => {
    expect(() => decidePayment(notice, { ...report, amountFen: 9_999 }, AT)).toThrow(
      expect.objectContaining({ code: 'amount_mismatch' }),
    );
    expect(() => decidePayment(notice, { ...report, paidAt: notice.dueAt }, AT)).toThrow(
      expect.objectContaining({ code: 'notice_past_due' }),
    );
    const cancelled = applyNoticeEvent(notice, decideCancellation(notice, notice.departmentId, 'duplicate', AT));
    expect(() => decidePayment(cancelled, report, AT)).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict', currentStatus: 'cancelled' }),
    );
    expect(() => decidePayment(notice, { ...report, paymentId: 'a#b' }, AT)).toThrow(
      expect.objectContaining({ code: 'invalid_reference', field: 'paymentId' }),
    );
    expect(() => decidePayment(notice, { ...report, paidAt: 'yesterday' }, AT)).toThrow(
      expect.objectContaining({ field: 'paidAt' }),
    );
  });
});

describe('decideCancellation', () => {
  it('lets only the issuing department cancel, and only while unpaid', () => {
    expect(() => decideCancellation(notice, 'another-department', 'reason', AT)).toThrow(
      expect.objectContaining({ code: 'notice_not_found' }),
    );
    expect(() => decideCancellation(notice, notice.departmentId, '   ', AT)).toThrow(
      expect.objectContaining({ code: 'invalid_cancel_reason', field: 'reason' }),
    );
    expect(() => decideCancellation(paidNotice(), notice.departmentId, 'reason', AT)).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict', currentStatus: 'paid' }),
    );
  });
});

describe('decideExpiry', () => {
  it('expires an issued notice from its due instant on, not before', () => {
    expect(() => decideExpiry(notice, '2025-03-31T15:59:59.999Z')).toThrow(
      expect.objectContaining({ code: 'notice_not_yet_due' }),
    );
    expect(decideExpiry(notice, notice.dueAt)).toMatchObject({ type: 'notice.expired', sequence: 2 });
    expect(() => decideExpiry(paidNotice(), '2026-01-01T00:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict' }),
    );
  });
});

describe('decideRefund', () => {
  it('refunds up to what was paid, and says how much is left when asked for more', () => {
    expect(() => decideRefund(notice, 'refund-1', 100, AT)).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict', currentStatus: 'issued' }),
    );
    const partly = applyNoticeEvent(paidNotice(), decideRefund(paidNotice(), 'refund-1', 6_000, AT));
    expect(partly).toMatchObject({ status: 'partially_refunded', refundedFen: 6_000 });
    expect(() => decideRefund(partly, 'refund-2', 4_001, AT)).toThrow(
      expect.objectContaining({ code: 'refund_exceeds_paid', refundableFen: 4_000 }),
    );
    expect(() => decideRefund(partly, 'refund-2', 0.5, AT)).toThrow(
      expect.objectContaining({ code: 'amount_not_integer' }),
    );
  });
});
