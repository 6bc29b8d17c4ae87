import { describe, expect, it } from 'vitest';
import { decidePayment } from './decide-payment.ts';
import { decideRefund } from './decide-refund.ts';
import { decideRelease } from './decide-release.ts';
import type { LedgerEvent } from './ledger-event.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { applyNoticeEvent, rebuildNotice } from './rebuild-notice.ts';
import { issuedEvent } from './test-support/notice-fixtures.ts';

const AT = '2025-03-02T00:00:00.000Z';
const issued = issuedEvent();
const paid = (): PaymentNotice =>
  applyNoticeEvent(
    issued.notice,
    decidePayment(
      issued.notice,
      {
        noticeId: issued.notice.noticeId,
        paymentId: 'pay-1',
        channel: 'sandbox',
        channelTransactionId: 'sbx_1',
        amountFen: 10_000,
        paidAt: new Date(AT),
      },
      AT,
    ),
  );

describe('decideRelease (a rejected or failed refund gives its amount back)', () => {
  it('takes a fully refunded notice back to partially refunded, and the last release back to paid', () => {
    const first = applyNoticeEvent(paid(), decideRefund(paid(), 'refund-1', 4_000, AT));
    const all = applyNoticeEvent(first, decideRefund(first, 'refund-2', 6_000, AT));
    expect(all).toMatchObject({ status: 'refunded', refundedFen: 10_000 });
    const released = applyNoticeEvent(all, decideRelease(all, 'refund-2', 6_000, 'failed', AT));
    expect(released).toMatchObject({ status: 'partially_refunded', refundedFen: 4_000 });
    const none = applyNoticeEvent(released, decideRelease(released, 'refund-1', 4_000, 'rejected', AT));
    expect(none).toMatchObject({ status: 'paid', refundedFen: 0, paidFen: 10_000 });
  });

  it('refuses to release from a notice with nothing (or not that much) committed', () => {
    expect(() => decideRelease(paid(), 'refund-1', 1, 'rejected', AT)).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict' }),
    );
    const first = applyNoticeEvent(paid(), decideRefund(paid(), 'refund-1', 4_000, AT));
    expect(() => decideRelease(first, 'refund-1', 4_001, 'failed', AT)).toThrow(
      expect.objectContaining({ code: 'notice_state_conflict' }),
    );
  });

  it('folds in the ledger like every other event', () => {
    const payment = decidePayment(
      issued.notice,
      {
        noticeId: issued.notice.noticeId,
        paymentId: 'pay-1',
        channel: 'sandbox',
        channelTransactionId: 'sbx_1',
        amountFen: 10_000,
        paidAt: new Date(AT),
      },
      AT,
    );
    const refund = decideRefund(applyNoticeEvent(issued.notice, payment), 'refund-1', 2_500, AT);
    const events: LedgerEvent[] = [issued, payment, refund];
    const release = decideRelease(rebuildNotice(events) as PaymentNotice, 'refund-1', 2_500, 'rejected', AT);
    expect(rebuildNotice([...events, release])).toMatchObject({ status: 'paid', refundedFen: 0, sequence: 4 });
  });
});
