import type { PaymentNotice } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import { issuedEvent } from '../../payment-notices/src/test-support/notice-fixtures.ts';
import type { CheckoutOrder } from './checkout-store.ts';
import { decideOrderCheck } from './decide-order-check.ts';
import {
  FIRST_CHECK_AFTER_MS,
  LONGEST_CHECK_PAUSE_MS,
  nextCheckAt,
  OPEN_ORDER_SHARDS,
  openOrderAttributes,
  openOrderShard,
} from './open-order-index.ts';

// Due 2025-03-31T16:00:00.000Z (the fixture's notice).
const issued = issuedEvent('NOTICEAAAAAAAAAAAAAAAA', 10_004).notice as PaymentNotice;
const BEFORE_DUE = new Date('2025-03-10T08:00:00.000Z');
const AFTER_DUE = new Date('2025-04-01T00:00:00.000Z');

const order: CheckoutOrder = {
  orderNumber: 'SB0123456789ABCDEF0123456789ABCD',
  noticeId: issued.noticeId,
  channel: 'sandbox',
  amountFen: 10_004,
  createdAt: '2025-03-10T07:50:00.000Z',
};

const paidBy = (paymentId: string): PaymentNotice => ({
  ...issued,
  status: 'paid',
  paidFen: issued.amountFen,
  payment: { paymentId, channel: 'sandbox', channelTransactionId: 'sbx_1', paidAt: '2025-03-10T07:55:00.000Z' },
});

describe('decideOrderCheck: truth by query for one open order', () => {
  it('asks the channel first, unless the notice already records this very order', () => {
    expect(decideOrderCheck({ order, notice: issued, now: BEFORE_DUE })).toEqual({ kind: 'query' });
    // Its receipt and notice.paid may not be done: applied again, it ends in already_recorded, which does them.
    expect(decideOrderCheck({ order, notice: paidBy(order.orderNumber), now: BEFORE_DUE })).toEqual({
      kind: 'apply_payment',
      event: {
        type: 'payment.succeeded',
        id: `query:sandbox:${order.orderNumber}`,
        orderNumber: order.orderNumber,
        channelTransactionId: 'sbx_1',
        amountFen: issued.amountFen,
        paidAt: '2025-03-10T07:55:00.000Z',
      },
    });
  });

  it('skips an order that is settled already (the index lags behind the order item)', () => {
    expect(decideOrderCheck({ order: { ...order, settlement: 'paid' }, notice: issued, now: BEFORE_DUE })).toEqual({
      kind: 'skip',
    });
  });

  it('applies a payment the channel reports, as a notification with an id stable per order', () => {
    const decision = decideOrderCheck({
      order,
      notice: issued,
      now: BEFORE_DUE,
      channelState: {
        status: 'paid',
        channelTransactionId: 'sbx_9',
        amountFen: 10_004,
        paidAt: '2025-03-10T07:51:00Z',
      },
    });
    expect(decision).toEqual({
      kind: 'apply_payment',
      event: {
        type: 'payment.succeeded',
        id: `query:sandbox:${order.orderNumber}`,
        orderNumber: order.orderNumber,
        channelTransactionId: 'sbx_9',
        amountFen: 10_004,
        paidAt: '2025-03-10T07:51:00Z',
      },
    });
  });

  it('applies it even when the notice is past due or paid by another order (applyPayment flags it then)', () => {
    const channelState = { status: 'paid', channelTransactionId: 'sbx_9', amountFen: 10_004, paidAt: 'x' } as const;
    expect(decideOrderCheck({ order, notice: paidBy('OTHER'), now: AFTER_DUE, channelState }).kind).toBe(
      'apply_payment',
    );
  });

  it('leaves a "paid" answer without transaction id or time unresolved', () => {
    expect(decideOrderCheck({ order, notice: issued, now: BEFORE_DUE, channelState: { status: 'paid' } }).kind).toBe(
      'unresolved',
    );
  });

  it('settles an order the channel closed', () => {
    expect(decideOrderCheck({ order, notice: issued, now: BEFORE_DUE, channelState: { status: 'closed' } })).toEqual({
      kind: 'settle',
      settlement: 'closed',
    });
  });

  it('checks a pending order again later while its notice is payable, counting the checks', () => {
    for (const status of ['pending', 'not_found'] as const) {
      expect(
        decideOrderCheck({ order: { ...order, checks: 2 }, notice: issued, now: BEFORE_DUE, channelState: { status } }),
      ).toEqual({ kind: 'recheck', at: nextCheckAt(BEFORE_DUE, 3, issued.dueAt), checks: 3 });
    }
  });

  it('closes a pending order at the due instant and expires the notice after it', () => {
    const atDue = new Date(issued.dueAt);
    expect(decideOrderCheck({ order, notice: issued, now: atDue, channelState: { status: 'pending' } })).toEqual({
      kind: 'close',
      expireNotice: true,
    });
  });

  it('closes a pending order whose notice can not take it any more, without touching the notice', () => {
    const cancelled: PaymentNotice = { ...issued, status: 'cancelled' };
    for (const notice of [paidBy('OTHER'), cancelled, { ...issued, status: 'expired' as const }, undefined]) {
      expect(decideOrderCheck({ order, notice, now: BEFORE_DUE, channelState: { status: 'pending' } })).toEqual({
        kind: 'close',
        expireNotice: false,
      });
    }
  });
});

describe('the open-order index', () => {
  it('first checks an order FIRST_CHECK_AFTER_MS after it was recorded, in a stable shard', () => {
    const attributes = openOrderAttributes(order.orderNumber, order.createdAt);
    const shard = openOrderShard(order.orderNumber);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(OPEN_ORDER_SHARDS);
    expect(attributes).toEqual({
      gsi2pk: `OPEN_ORDER#${shard}`,
      gsi2sk: `${new Date(Date.parse(order.createdAt) + FIRST_CHECK_AFTER_MS).toISOString()}#${order.orderNumber}`,
    });
  });

  it('backs off by three each check, capped, and never past the due instant', () => {
    const at = (checks: number) => Date.parse(nextCheckAt(BEFORE_DUE, checks, issued.dueAt)) - BEFORE_DUE.getTime();
    expect(at(1)).toBe(FIRST_CHECK_AFTER_MS);
    expect(at(2)).toBe(3 * FIRST_CHECK_AFTER_MS);
    expect(at(3)).toBe(9 * FIRST_CHECK_AFTER_MS);
    expect(at(20)).toBe(LONGEST_CHECK_PAUSE_MS);
    const nearDue = new Date(Date.parse(issued.dueAt) - 60_000);
    expect(nextCheckAt(nearDue, 5, issued.dueAt)).toBe(issued.dueAt);
  });
});
