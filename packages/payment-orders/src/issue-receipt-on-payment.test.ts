import type { PaymentSucceededEvent } from '@platform/payment-channels';
import {
  AlreadyPaidError,
  type JoinedPut,
  type PaymentCommit,
  type PaymentNotice,
  type PaymentNoticeRepository,
} from '@platform/payment-notices';
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
  /** The puts each `markPaid` committed beside the notice. */
  readonly committed: (readonly JoinedPut[])[];
  readonly signed: PaymentNotice[];
  /** Notices `issueReceipt` was asked for (it writes only when the notice has no receipt yet). */
  readonly issued: PaymentNotice[];
  readonly settled: string[];
  readonly deps: ApplyPaymentDependencies;
}

/** `markPaid` as the repository runs it: builds the joined puts from the paid notice, and commits them or throws. */
const world = (options: { alreadyPaid?: boolean; leftOpen?: boolean; signingFails?: boolean }): World => {
  const committed: (readonly JoinedPut[])[] = [];
  const signed: PaymentNotice[] = [];
  const issued: PaymentNotice[] = [];
  const settled: string[] = [];
  const order = { orderNumber: 'ORDER1', noticeId: 'N1', channel: 'sandbox', amountFen: 20_000 } as CheckoutOrder;
  return {
    committed,
    signed,
    issued,
    settled,
    deps: {
      notices: {
        markPaid: async (_payment: unknown, commit: PaymentCommit) => {
          if (options.alreadyPaid) throw new AlreadyPaidError('ORDER1', 'paid');
          committed.push((await commit.alongside?.(paidNotice)) ?? []);
          return paidNotice;
        },
        get: async () => paidNotice,
      } as unknown as PaymentNoticeRepository,
      store: {
        findOrder: async () => ({
          ...order,
          ...(options.alreadyPaid && !options.leftOpen ? { settlement: 'paid' } : {}),
        }),
        orderAsPaymentRecord: (orderNumber: string) => ({ key: { pk: `ORDER#${orderNumber}`, sk: 'ORDER' } }),
        settleOrder: async (orderNumber: string) => {
          settled.push(orderNumber);
        },
        flagPayment: async () => {},
      } as unknown as CheckoutStore,
      now: () => new Date('2026-03-01T08:00:01Z'),
      receipts: {
        receiptPut: async (notice: PaymentNotice) => {
          if (options.signingFails) throw new Error('receipt key unavailable');
          signed.push(notice);
          return { item: { pk: 'RECEIPT#1', sk: 'RECEIPT' }, taken: () => new Error('taken') };
        },
        issueReceipt: async (notice: PaymentNotice) => {
          issued.push(notice);
        },
      },
    },
  };
};

describe('receipts issued on payment', () => {
  it('commits the receipt of the notice as paid in the payment’s own transaction, with no write after it', async () => {
    const { deps, committed, signed, settled } = world({});
    expect(await applyPayment(deps, 'sandbox', payment)).toEqual({ kind: 'paid', noticeId: 'N1' });
    expect(signed).toEqual([paidNotice]);
    expect(committed).toEqual([[expect.objectContaining({ item: { pk: 'RECEIPT#1', sk: 'RECEIPT' } })]]);
    expect(settled).toEqual([]);
  });

  it('signs nothing again on a redelivery (already_recorded): the receipt committed with the payment', async () => {
    const { deps, signed, issued } = world({ alreadyPaid: true });
    expect((await applyPayment(deps, 'sandbox', payment)).kind).toBe('already_recorded');
    expect(signed).toEqual([]);
    expect(issued).toEqual([]);
  });

  it('makes sure of the receipt before settling an order that was paid but left open', async () => {
    const { deps, issued, settled } = world({ alreadyPaid: true, leftOpen: true });
    expect((await applyPayment(deps, 'sandbox', payment)).kind).toBe('already_recorded');
    expect(issued).toEqual([paidNotice]);
    expect(settled).toEqual(['ORDER1']);
  });

  it('pays nothing when the receipt can not be signed, so the channel’s retry pays it with its receipt', async () => {
    const { deps, committed } = world({ signingFails: true });
    await expect(applyPayment(deps, 'sandbox', payment)).rejects.toThrowError('receipt key unavailable');
    expect(committed).toEqual([]);
  });

  it('issues nothing for a payment that is flagged', async () => {
    const { deps, signed } = world({});
    const flagged = {
      ...deps,
      store: { ...deps.store, findOrder: async () => undefined } as unknown as CheckoutStore,
    };
    expect((await applyPayment(flagged, 'sandbox', payment)).kind).toBe('flagged');
    expect(signed).toEqual([]);
  });
});
