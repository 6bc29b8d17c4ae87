/**
 * The settled-money index that daily reconciliation reads (gsi1 of the payments table): every payment record
 * (`markPaid`: the cashier's order, or a `PAYMENT#` item of its own) and every succeeded refund record lands in the partition of its channel and business day, sorted by
 * the instant the money moved, so one Query per (channel, day) streams that day's settled money in time order.
 *
 * | attribute | value                                                                  |
 * | --------- | ---------------------------------------------------------------------- |
 * | `gsi1pk`  | `SETTLED#<channel>#<business day YYYY-MM-DD, Asia/Shanghai>`           |
 * | `gsi1sk`  | `<occurredAt ISO UTC>#<payment\|refund>#<paymentId\|refundId>`          |
 *
 * Beside the keys each such record carries `kind`, `orderNumber` (the payment id for payments, the refund id for
 * refunds), `channel`, `channelTransactionId`, `amountFen`, `noticeId`, `departmentId`, `itemCode` and `settledAt`.
 * The business day is computed here once, so the writers (this package, refunds) and the reader (reconciliation)
 * can not disagree on which day a payment made at 23:59:59 Beijing time belongs to.
 */
export const SETTLED_INDEX = 'gsi1';
export const SETTLED_PARTITION_PREFIX = 'SETTLED#';

export type SettledKind = 'payment' | 'refund';

/** China has kept UTC+8 all year since 1991: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day (`YYYY-MM-DD`) of an ISO 8601 instant. */
export const shanghaiBusinessDay = (occurredAt: string): string => {
  const epochMs = Date.parse(occurredAt);
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not an ISO 8601 instant: ${occurredAt}`);
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
};

/** The gsi1 partition of one channel's settled money on one business day. */
export const settledPartition = (channel: string, businessDay: string): string =>
  `${SETTLED_PARTITION_PREFIX}${channel}#${businessDay}`;

/**
 * The index keys of a settled payment or refund. `occurredAt` must be an ISO 8601 UTC instant (`toISOString` form),
 * so that sort keys compare as the instants do.
 */
export const settledIndexKeys = (
  channel: string,
  kind: SettledKind,
  id: string,
  occurredAt: string,
): { readonly gsi1pk: string; readonly gsi1sk: string } => {
  if (channel === '' || channel.includes('#')) throw new RangeError(`Not a channel id: ${channel}`);
  if (id === '' || id.includes('#')) throw new RangeError(`Not a ${kind} id: ${id}`);
  return {
    gsi1pk: settledPartition(channel, shanghaiBusinessDay(occurredAt)),
    gsi1sk: `${new Date(Date.parse(occurredAt)).toISOString()}#${kind}#${id}`,
  };
};
