import type { NoticePaidEvent } from './ledger-event.ts';
import { claimPut, type JoinedWrite } from './notice-change.ts';
import { type ItemKey, paymentKey } from './notice-item-keys.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import { settledIndexKeys } from './settled-index.ts';

/**
 * An existing item that becomes a payment's record instead of an item of its own (the cashier's order): the record's
 * attributes are set on it, and `set` / `remove` change its own attributes in the same write.
 */
export interface PaymentRecordHost {
  readonly key: ItemKey;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly remove?: readonly string[];
}

const taken = () => new PaymentNoticeError('payment_already_recorded', { field: 'paymentId' });

/**
 * What a payment record holds: it claims the payment id, and it is the platform's side of reconciliation, in the
 * settled-money index of its channel and business day with the department and item code the reports total by.
 */
const recordAttributes = (event: NoticePaidEvent, notice: PaymentNotice): Record<string, unknown> => ({
  ...settledIndexKeys(event.channel, 'payment', event.paymentId, event.paidAt),
  kind: 'payment',
  paymentId: event.paymentId,
  orderNumber: event.paymentId,
  channel: event.channel,
  channelTransactionId: event.channelTransactionId,
  amountFen: event.amountFen,
  paidAt: event.paidAt,
  settledAt: event.paidAt,
  departmentId: notice.departmentId,
  itemCode: notice.itemCode,
});

/**
 * The payment record's write in `markPaid`'s transaction. On its own item (`PAYMENT#<paymentId>`) it is a put only if
 * absent; on a host, an update only if the host exists, is about this notice and records no payment yet. Either way a
 * payment id pays one notice once, and a failed condition is `payment_already_recorded`.
 */
export const paymentRecordWrite = (
  tableName: string,
  event: NoticePaidEvent,
  notice: PaymentNotice,
  host: PaymentRecordHost | undefined,
): JoinedWrite => {
  const attributes = recordAttributes(event, notice);
  if (!host) {
    return claimPut(
      tableName,
      { ...paymentKey(event.paymentId), entity: 'payment', noticeId: event.noticeId, ...attributes },
      taken,
    );
  }
  const set = Object.entries({ ...host.set, ...attributes });
  const remove = host.remove ?? [];
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: host.key,
        UpdateExpression: [
          `SET ${set.map((_, i) => `#set${i} = :set${i}`).join(', ')}`,
          ...(remove.length > 0 ? [`REMOVE ${remove.map((_, i) => `#remove${i}`).join(', ')}`] : []),
        ].join(' '),
        ConditionExpression: 'attribute_exists(#pk) AND #noticeId = :noticeId AND attribute_not_exists(#paymentId)',
        ExpressionAttributeNames: {
          '#pk': 'pk',
          '#noticeId': 'noticeId',
          '#paymentId': 'paymentId',
          ...Object.fromEntries(set.map(([name], i) => [`#set${i}`, name])),
          ...Object.fromEntries(remove.map((name, i) => [`#remove${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':noticeId': event.noticeId,
          ...Object.fromEntries(set.map(([, value], i) => [`:set${i}`, value])),
        },
      },
    },
    refused: taken,
  };
};
