import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideCancellation } from './decide-cancellation.ts';
import { decideExpiry } from './decide-expiry.ts';
import { decidePayment } from './decide-payment.ts';
import { decideRefund } from './decide-refund.ts';
import type { LedgerEvent } from './ledger-event.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { isPaymentNoticeError } from './payment-notice-errors.ts';
import { applyNoticeEvent, LedgerIntegrityError, rebuildNotice } from './rebuild-notice.ts';
import { issuedEvent } from './test-support/notice-fixtures.ts';

const AT = '2025-03-02T00:00:00.000Z';

const paid = (notice: PaymentNotice) =>
  decidePayment(
    notice,
    {
      noticeId: notice.noticeId,
      paymentId: 'pay-1',
      channel: 'sandbox',
      channelTransactionId: 'sbx-1',
      amountFen: notice.amountFen,
      paidAt: AT,
    },
    AT,
  );

describe('rebuildNotice', () => {
  it('is undefined for an empty ledger', () => {
    expect(rebuildNotice([])).toBeUndefined();
  });

  it('folds issued → paid → partially refunded → refunded into the current view', () => {
    const issued = issuedEvent();
    const events: LedgerEvent[] = [issued];
    const step = (decide: (notice: PaymentNotice) => LedgerEvent) => {
      const current = rebuildNotice(events) as PaymentNotice;
      events.push(decide(current));
    };
    step(paid);
    step((notice) => decideRefund(notice, 'refund-1', 3_000, AT));
    step((notice) => decideRefund(notice, 'refund-2', 7_000, AT));
    expect(rebuildNotice(events)).toMatchObject({
      status: 'refunded',
      paidFen: 10_000,
      refundedFen: 10_000,
      sequence: 4,
      payment: { paymentId: 'pay-1', channel: 'sandbox', channelTransactionId: 'sbx-1', paidAt: AT },
    });
    expect(rebuildNotice(events.slice(0, 3))).toMatchObject({ status: 'partially_refunded', refundedFen: 3_000 });
  });

  it('records cancellation and expiry with their instants', () => {
    const issued = issuedEvent();
    const cancelled = decideCancellation(issued.notice, issued.notice.departmentId, ' 重复开具 ', AT);
    expect(rebuildNotice([issued, cancelled])).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: '重复开具', cancelledAt: AT },
    });
    const later = '2025-04-01T00:00:00.000Z';
    expect(rebuildNotice([issued, decideExpiry(issued.notice, later)])).toMatchObject({
      status: 'expired',
      expiredAt: later,
    });
  });

  it('refuses gaps, repeats, foreign events and transitions the table forbids', () => {
    const issued = issuedEvent();
    const payment = paid(issued.notice);
    expect(() => rebuildNotice([payment])).toThrow(LedgerIntegrityError);
    expect(() => rebuildNotice([issued, { ...payment, sequence: 3 }])).toThrow(LedgerIntegrityError);
    expect(() => rebuildNotice([issued, { ...issued, sequence: 2 }])).toThrow(LedgerIntegrityError);
    expect(() => rebuildNotice([issued, { ...payment, noticeId: 'BBBBBBBBBBBBBBBBBBBBBB' }])).toThrow(
      LedgerIntegrityError,
    );
    expect(() => rebuildNotice([issued, payment, { ...payment, sequence: 3 }])).toThrow(LedgerIntegrityError);
    const refund = {
      type: 'refund.requested',
      noticeId: issued.noticeId,
      sequence: 2,
      occurredAt: AT,
      refundId: 'r',
      amountFen: 1,
    };
    expect(() => rebuildNotice([issued, refund as LedgerEvent])).toThrow(LedgerIntegrityError);
  });

  it('property: any sequence of commands yields a ledger whose fold is the view built step by step', () => {
    const command = fc.oneof(
      fc.constant({ kind: 'pay' as const }),
      fc.constant({ kind: 'cancel' as const }),
      fc.constant({ kind: 'expire' as const }),
      fc.record({ kind: fc.constant('refund' as const), amountFen: fc.integer({ min: 1, max: 6_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const issued = issuedEvent();
        const events: LedgerEvent[] = [issued];
        let view: PaymentNotice = issued.notice;
        for (const [i, c] of commands.entries()) {
          try {
            const event =
              c.kind === 'pay'
                ? paid(view)
                : c.kind === 'cancel'
                  ? decideCancellation(view, view.departmentId, 'reason', AT)
                  : c.kind === 'expire'
                    ? decideExpiry(view, '2025-04-01T00:00:00.000Z')
                    : decideRefund(view, `refund-${i}`, c.amountFen, AT);
            view = applyNoticeEvent(view, event);
            events.push(event);
          } catch (error) {
            if (!isPaymentNoticeError(error)) throw error;
          }
        }
        expect(rebuildNotice(events)).toEqual(view);
        expect(view.refundedFen).toBeLessThanOrEqual(view.paidFen);
        expect(view.sequence).toBe(events.length);
      }),
    );
  });
});
