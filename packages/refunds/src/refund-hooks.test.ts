import type { DepartmentEvent } from '@platform/department-webhooks';
import type { ReceiptRefund } from '@platform/fiscal-receipts';
import type { PaymentNotice } from '@platform/payment-notices';
import { describe, expect, it } from 'vitest';
import type { Refund } from './refund.ts';
import { refundHooks } from './refund-hooks.ts';

const refund = {
  refundId: 'RF1',
  noticeId: 'N1',
  departmentId: 'bj-public-security',
  regionCode: '110105',
  itemCode: '103050101',
  amountFen: 20_000,
  reason: '多缴 张三',
  channel: 'alipay',
  paymentId: 'ORDER1',
  paymentTransactionId: 'T1',
  state: 'succeeded',
  version: 5,
  requestedAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T09:00:01.000Z',
  approvals: [],
  settlement: { channelRefundId: 'CR1', refundedAt: '2026-03-01T09:00:00.000Z' },
  hooksPending: true,
} as unknown as Refund;
const notice = { noticeId: 'N1' } as unknown as PaymentNotice;

const world = (failures: { credit?: boolean; publish?: boolean } = {}) => {
  const credits: [string, ReceiptRefund][] = [];
  const events: DepartmentEvent[] = [];
  const hooks = refundHooks({
    receipts: {
      creditReceipt: async (noticeId, credit) => {
        if (failures.credit) throw new Error('receipt key unavailable');
        credits.push([noticeId, credit]);
      },
    },
    events: {
      publish: async (event) => {
        if (failures.publish) throw new Error('queue down');
        events.push(event);
      },
    },
  });
  return { hooks, credits, events };
};

describe('the platform refund hooks', () => {
  it('credits the receipt, then publishes refund.succeeded with a stable id and no reason or payer', async () => {
    const { hooks, credits, events } = world();
    await hooks.onRefundSucceeded?.(refund, notice);
    await hooks.onRefundSucceeded?.(refund, notice);
    expect(credits).toEqual([
      ['N1', { refundId: 'RF1', amountFen: 20_000, refundedAt: '2026-03-01T09:00:00.000Z' }],
      ['N1', { refundId: 'RF1', amountFen: 20_000, refundedAt: '2026-03-01T09:00:00.000Z' }],
    ]);
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual(events[1]);
    expect(events[0]).toEqual({
      id: 'RF1:succeeded',
      type: 'refund.succeeded',
      departmentId: 'bj-public-security',
      noticeId: 'N1',
      occurredAt: '2026-03-01T09:00:00.000Z',
      data: {
        refundId: 'RF1',
        paymentId: 'ORDER1',
        channel: 'alipay',
        amountFen: 20_000,
        itemCode: '103050101',
        refundedAt: '2026-03-01T09:00:00.000Z',
        channelRefundId: 'CR1',
      },
    });
    expect(JSON.stringify(events[0])).not.toContain('张三');
  });

  it('publishes nothing when the credit fails, and throws (the refund stays in the hooks queue)', async () => {
    const { hooks, events } = world({ credit: true });
    await expect(hooks.onRefundSucceeded?.(refund, notice)).rejects.toThrowError('receipt key unavailable');
    expect(events).toEqual([]);
  });

  it('throws when publishing fails', async () => {
    const { hooks } = world({ publish: true });
    await expect(hooks.onRefundSucceeded?.(refund, notice)).rejects.toThrowError('queue down');
  });

  it('publishes refund.failed with the channel reason and credits nothing', async () => {
    const { hooks, credits, events } = world();
    const failed = {
      ...refund,
      state: 'failed',
      settlement: undefined,
      failure: { reason: 'refund_not_allowed', failedAt: '2026-03-01T09:00:02.000Z' },
    } as unknown as Refund;
    await hooks.onRefundFailed?.(failed, notice);
    expect(credits).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        id: 'RF1:failed',
        type: 'refund.failed',
        occurredAt: '2026-03-01T09:00:02.000Z',
        data: expect.objectContaining({ reason: 'refund_not_allowed', failedAt: '2026-03-01T09:00:02.000Z' }),
      }),
    ]);
    expect(hooks.onRefundRejected).toBeUndefined();
  });
});
