import type { DepartmentEvent } from '@platform/department-webhooks';
import type { PaymentSucceededEvent } from '@platform/payment-channels';
import { AlreadyPaidError, type LedgerEvent, type PaymentNoticeRepository } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import { applyPayment } from './apply-payment.ts';
import type { CheckoutStore } from './checkout-store.ts';
import { noticePaidEvent } from './publish-notice-paid.ts';

const ledger = [
  {
    type: 'notice.issued',
    noticeId: 'N1',
    sequence: 1,
    occurredAt: '2026-03-01T00:00:00.000Z',
    notice: { departmentId: 'bj-public-security', itemCode: '103050101' },
  },
  {
    type: 'notice.paid',
    noticeId: 'N1',
    sequence: 2,
    occurredAt: '2026-03-01T08:00:00.000Z',
    paymentId: 'ORDER1',
    channel: 'sandbox',
    channelTransactionId: 'T1',
    amountFen: 20_000,
    paidAt: '2026-03-01T07:59:59.000Z',
  },
] as unknown as LedgerEvent[];

const payment = {
  type: 'payment.succeeded',
  id: 'E1',
  orderNumber: 'ORDER1',
  channelTransactionId: 'T1',
  amountFen: 20_000,
  paidAt: '2026-03-01T07:59:59.000Z',
} as unknown as PaymentSucceededEvent;

const depsWith = (
  markPaid: () => Promise<unknown>,
  publish: (event: DepartmentEvent) => Promise<void>,
  store: { settled: string[]; reopened: string[] } = { settled: [], reopened: [] },
) => ({
  notices: { markPaid, readLedger: async () => ledger } as unknown as PaymentNoticeRepository,
  store: {
    findOrder: async () => ({ orderNumber: 'ORDER1', noticeId: 'N1', channel: 'sandbox', amountFen: 20_000 }),
    orderAsPaymentRecord: (orderNumber: string) => ({ key: { pk: `ORDER#${orderNumber}`, sk: 'ORDER' } }),
    settleOrder: async (orderNumber: string) => {
      store.settled.push(orderNumber);
    },
    reopenPaidOrder: async (orderNumber: string) => {
      store.reopened.push(orderNumber);
    },
  } as unknown as CheckoutStore,
  now: () => new Date('2026-03-01T08:00:01Z'),
  events: { publish },
});

const queueDown = async () => {
  throw new Error('queue down');
};

describe('notice.paid for departments', () => {
  it('is the paid ledger event: id noticeId:sequence, department, amounts, no payer', () => {
    expect(noticePaidEvent(ledger)).toEqual({
      id: 'N1:2',
      type: 'notice.paid',
      departmentId: 'bj-public-security',
      noticeId: 'N1',
      occurredAt: '2026-03-01T08:00:00.000Z',
      data: {
        paymentId: 'ORDER1',
        channel: 'sandbox',
        channelTransactionId: 'T1',
        amountFen: 20_000,
        paidAt: '2026-03-01T07:59:59.000Z',
        itemCode: '103050101',
      },
    });
    expect(noticePaidEvent(ledger.slice(0, 1))).toBeUndefined();
  });

  it('is published after paid, and again (same id) after already_recorded', async () => {
    const published: DepartmentEvent[] = [];
    const publish = async (event: DepartmentEvent) => {
      published.push(event);
    };
    expect(
      (
        await applyPayment(
          depsWith(async () => ({}), publish),
          'sandbox',
          payment,
        )
      ).kind,
    ).toBe('paid');
    const redelivered = depsWith(async () => {
      throw new AlreadyPaidError('ORDER1', 'paid');
    }, publish);
    expect((await applyPayment(redelivered, 'sandbox', payment)).kind).toBe('already_recorded');
    expect(published.map((event) => event.id)).toEqual(['N1:2', 'N1:2']);
  });

  it('throws when publishing fails, so the notification gets the channel’s retry answer, and reopens the order', async () => {
    const orders = { settled: [] as string[], reopened: [] as string[] };
    const failing = depsWith(async () => ({}), queueDown, orders);
    await expect(applyPayment(failing, 'sandbox', payment)).rejects.toThrowError('queue down');
    // Settled by the payment's own transaction; back in the open-order index for the sweeper as a second net.
    expect(orders).toEqual({ settled: [], reopened: ['ORDER1'] });
  });

  it('keeps a payment the sweeper found open until it is published, then settles it', async () => {
    const failed = { settled: [] as string[], reopened: [] as string[] };
    await expect(
      applyPayment(
        depsWith(async () => ({}), queueDown, failed),
        'sandbox',
        payment,
        'sweeper',
      ),
    ).rejects.toThrowError('queue down');
    expect(failed).toEqual({ settled: [], reopened: [] });
    const published = { settled: [] as string[], reopened: [] as string[] };
    const publish = async () => {};
    expect(
      (
        await applyPayment(
          depsWith(async () => ({}), publish, published),
          'sandbox',
          payment,
          'sweeper',
        )
      ).kind,
    ).toBe('paid');
    expect(published).toEqual({ settled: ['ORDER1'], reopened: [] });
  });
});
