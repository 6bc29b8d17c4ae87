import type { PaymentNotice } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import { issuedEvent } from '../../payment-notices/src/test-support/notice-fixtures.ts';
import { noticeExpiredEvent } from './publish-notice-expired.ts';

const issued = issuedEvent('NOTICEBBBBBBBBBBBBBBBB').notice as PaymentNotice;

describe('noticeExpiredEvent', () => {
  it('is the expiry as a department event, its id the ledger sequence of notice.expired, no payer in it', () => {
    const expired: PaymentNotice = { ...issued, status: 'expired', sequence: 2, expiredAt: '2025-04-01T00:00:00.000Z' };
    const event = noticeExpiredEvent(expired);
    expect(event).toEqual({
      id: `${issued.noticeId}:2`,
      type: 'notice.expired',
      departmentId: issued.departmentId,
      noticeId: issued.noticeId,
      occurredAt: '2025-04-01T00:00:00.000Z',
      data: { itemCode: issued.itemCode, amountFen: issued.amountFen, dueAt: issued.dueAt },
    });
    expect(JSON.stringify(event)).not.toContain(issued.payer.maskedName);
  });

  it('is nothing for a notice that is not expired', () => {
    expect(noticeExpiredEvent(issued)).toBeUndefined();
    expect(noticeExpiredEvent({ ...issued, status: 'cancelled' })).toBeUndefined();
  });
});
