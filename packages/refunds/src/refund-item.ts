import { settledIndexKeys } from '@platform/payment-notices';
import { isFinalRefundState, type Refund, type RefundState } from './refund.ts';

/**
 * The refund record (`REFUND#<refundId>` / `REFUND`, claimed by the notices package's `recordRefund`) as this package
 * writes it: the `Refund` as attributes, plus
 *
 * | attributes          | when                                   | value                                                  |
 * | ------------------- | -------------------------------------- | ------------------------------------------------------ |
 * | `gsi2pk` / `gsi2sk` | awaiting something: a state or hooks   | `REFUNDS#requested\|approved\|executing\|hooks` / `<updatedAt>#<refundId>` |
 * | `gsi1pk` / `gsi1sk` | succeeded                              | the settled-money index (`settledIndexKeys`, reconciliation reads it) |
 * | `kind`, `orderNumber`, `channelTransactionId`, `settledAt` | succeeded | the settled index's attributes (`orderNumber` = refund id) |
 *
 * The work queue (gsi2) is sparse: a refund leaves it when nothing more is due, so the finance console's "awaiting
 * approval" and the scheduler's "left executing" are each one Query of a small partition.
 */
export const refundItemKey = (refundId: string) => ({ pk: `REFUND#${refundId}`, sk: 'REFUND' });

export type WorkQueue = Extract<RefundState, 'requested' | 'approved' | 'executing'> | 'hooks';
export const workQueuePartition = (queue: WorkQueue): string => `REFUNDS#${queue}`;

const queueOf = (refund: Refund): WorkQueue | undefined => {
  if (!isFinalRefundState(refund.state)) return refund.state as WorkQueue;
  return refund.hooksPending ? 'hooks' : undefined;
};

const INDEX_ATTRIBUTES = [
  'pk',
  'sk',
  'entity',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'kind',
  'orderNumber',
  'channelTransactionId',
  'settledAt',
] as const;

export const toRefundItem = (refund: Refund): Record<string, unknown> => {
  const queue = queueOf(refund);
  const settlement = refund.state === 'succeeded' ? refund.settlement : undefined;
  return {
    ...refund,
    ...refundItemKey(refund.refundId),
    entity: 'refund',
    orderNumber: refund.refundId,
    ...(queue ? { gsi2pk: workQueuePartition(queue), gsi2sk: `${refund.updatedAt}#${refund.refundId}` } : {}),
    ...(settlement
      ? {
          ...settledIndexKeys(refund.channel, 'refund', refund.refundId, settlement.refundedAt),
          kind: 'refund',
          channelTransactionId: refund.paymentTransactionId,
          settledAt: settlement.refundedAt,
        }
      : {}),
  };
};

export const fromRefundItem = (item: Record<string, unknown>): Refund =>
  Object.fromEntries(
    Object.entries(item).filter(([name]) => !(INDEX_ATTRIBUTES as readonly string[]).includes(name)),
  ) as unknown as Refund;
