import type { PaymentSucceededEvent } from '@platform/payment-channels';
import { AlreadyPaidError, type PaymentNotice, type PaymentNoticeRepository } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import { type ApplyPaymentDependencies, applyPayment } from './apply-payment.ts';
import type { CheckoutOrder, CheckoutStore } from './checkout-store.ts';

const paidNotice = { noticeId: 'N1', status: 'paid', paidFen: 20_000 } as unknown as PaymentNotice;

const payment = {
  type: 'payment.succeeded',
  id: 'E1',
  orderNumber: 'ORDER1',
  channelTransactionId: 'T1',
  amountFen: 20_000,
  paidAt: '2026-03-01T07:59:59.000Z',
} as unknown as PaymentSucceededEvent;

interface World {
  readonly issued: PaymentNotice[];
  readonly settled: string[];
  readonly deps: ApplyPaymentDependencies;
}

const world = (options: { alreadyPaid?: boolean; settled?: boolean; issueFails?: boolean }): World => {
  const issued: PaymentNotice[] = [];
  const settled: string[] = [];
  const order: CheckoutOrder = {
    orderNumber: 'ORDER1',
    noticeId: 'N1',
    channel: 'sandbox',
    amountFen: 20_000,
    ...(options.settled ? { settlement: 'paid' } : {}),
  } as CheckoutOrder;
  return {
    issued,
    settled,
    deps: {
      notices: {
        markPaid: async () => {
          if (options.alreadyPaid) throw new AlreadyPaidError('ORDER1', 'paid');
          return paidNotice;
        },
        get: async () => paidNotice,
      } as unknown as PaymentNoticeRepository,
      store: {
        findOrder: async () => order,
        settleOrder: async (orderNumber: string) => {
          settled.push(orderNumber);
        },
      } as unknown as CheckoutStore,
      now: () => new Date('2026-03-01T08:00:01Z'),
      receipts: {
        issueReceipt: async (notice: PaymentNotice) => {
          if (options.issueFails) throw new Error('receipt key unavailable');
          issued.push(notice);
        },
      },
    },
  };
};

describe('receipts issued on payment', () => {
  it('issues the receipt of the notice markPaid returned, then settles the order', async () => {
    const { deps, issued, settled } = world({});
    expect(await applyPayment(deps, 'sandbox', payment)).toEqual({ kind: 'paid', noticeId: 'N1' });
    expect(issued).toEqual([paidNotice]);
    expect(settled).toEqual(['ORDER1']);
  });

  it('issues again on a redelivery (already_recorded), reading the notice', async () => {
    const { deps, issued } = world({ alreadyPaid: true, settled: true });
    expect((await applyPayment(deps, 'sandbox', payment)).kind).toBe('already_recorded');
    expect(issued).toEqual([paidNotice]);
  });

  it('throws when issuing fails and leaves the order open, so a redelivery or the sweeper issues it', async () => {
    const { deps, settled } = world({ issueFails: true });
    await expect(applyPayment(deps, 'sandbox', payment)).rejects.toThrowError('receipt key unavailable');
    expect(settled).toEqual([]);
    const redelivered = world({ alreadyPaid: true });
    expect((await applyPayment(redelivered.deps, 'sandbox', payment)).kind).toBe('already_recorded');
    expect(redelivered.issued).toEqual([paidNotice]);
    expect(redelivered.settled).toEqual(['ORDER1']);
  });

  it('issues nothing for a payment that is flagged', async () => {
    const { deps, issued } = world({});
    const flagged = {
      ...deps,
      store: {
        ...deps.store,
        findOrder: async () => undefined,
        flagPayment: async () => {},
      } as unknown as CheckoutStore,
    };
    expect((await applyPayment(flagged, 'sandbox', payment)).kind).toBe('flagged');
    expect(issued).toEqual([]);
  });
});
