import { type DocumentClient, GetCommand, QueryCommand, translateStorageError } from '@platform/dynamodb';
import { businessDateOf, businessDayBounds, type ChannelId } from '@platform/payment-channels';
import { SETTLED_INDEX, settledPartition } from '@platform/payment-notices';
import type { PaymentStatus, PlatformRecord, RefundStatus } from '../matching/platform-record.ts';

/**
 * The platform's side of one (channel, business day), read from the settled-money index (gsi1,
 * `SETTLED#<channel>#<day>`, see `@platform/payment-notices` settled-index.ts) one page at a time: nothing is loaded
 * whole, the matcher's compact index is the only place the records accumulate.
 *
 * Three ranges are read, in time order, because the matcher expects the day and `windowMinutes` either side of it:
 * the previous day's last minutes (payments made just before midnight that the channel booked today, or that
 * yesterday's run deferred), the day itself, and the next day's first minutes (a line the channel booked today for
 * money the platform saw just after midnight).
 *
 * Payment records exist only once a notice is paid (`markPaid`), so they are `paid`; refund records enter the index
 * when the refund succeeded. A record may say otherwise in `status` (the matcher then reports a status mismatch).
 * A refund line on a statement names the PAYMENT's order number, so a refund record must carry `paymentId`; when it
 * does not, the payment id is read once from its notice.
 */
export interface SettledRecordsQuery {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly windowMinutes: number;
  /** Items per Query page; default 500. */
  readonly pageSize?: number;
}

export class SettledRecordError extends Error {
  readonly key: string;

  constructor(key: string, detail: string) {
    super(`Settled record ${key}: ${detail}`);
    this.name = 'SettledRecordError';
    this.key = key;
  }
}

const text = (item: Record<string, unknown>, name: string): string | undefined =>
  typeof item[name] === 'string' && item[name] !== '' ? (item[name] as string) : undefined;

const required = (item: Record<string, unknown>, name: string): string => {
  const value = text(item, name);
  if (value === undefined) throw new SettledRecordError(`${item.pk}`, `has no ${name}.`);
  return value;
};

async function* queryRange(
  query: SettledRecordsQuery,
  day: string,
  range: readonly [string, string] | undefined,
): AsyncGenerator<Record<string, unknown>> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await query.documents
      .send(
        new QueryCommand({
          TableName: query.tableName,
          IndexName: SETTLED_INDEX,
          ...(range
            ? {
                KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
                ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
                ExpressionAttributeValues: {
                  ':pk': settledPartition(query.channel, day),
                  ':from': range[0],
                  ':to': range[1],
                },
              }
            : {
                KeyConditionExpression: '#pk = :pk',
                ExpressionAttributeNames: { '#pk': 'gsi1pk' },
                ExpressionAttributeValues: { ':pk': settledPartition(query.channel, day) },
              }),
          Limit: query.pageSize ?? 500,
          ExclusiveStartKey,
        }),
      )
      .catch((error: unknown) => {
        throw translateStorageError(error);
      });
    for (const item of page.Items ?? []) yield item;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Sort keys start with the ISO instant, which sorts as a string; `~` sorts after every `#…` suffix. */
const iso = (ms: number): string => new Date(ms).toISOString();

export async function* readSettledRecords(query: SettledRecordsQuery): AsyncGenerator<PlatformRecord> {
  const { startMs, endMs } = businessDayBounds(query.businessDate);
  const windowMs = query.windowMinutes * 60_000;
  const ranges: [string, readonly [string, string] | undefined][] = [];
  if (windowMs > 0) ranges.push([businessDateOf(startMs - 1), [iso(startMs - windowMs), iso(startMs)]]);
  ranges.push([query.businessDate, undefined]);
  if (windowMs > 0) ranges.push([businessDateOf(endMs), [iso(endMs), `${iso(endMs + windowMs)}~`]]);
  const paymentOfNotice = new Map<string, string>();
  for (const [day, range] of ranges) {
    for await (const item of queryRange(query, day, range)) {
      const occurredAt = required(item, 'settledAt');
      const at = Date.parse(occurredAt);
      // BETWEEN is inclusive; the window's ends are half-open.
      if (day !== query.businessDate && (at < startMs - windowMs || at >= endMs + windowMs)) continue;
      yield await toPlatformRecord(query, item, paymentOfNotice);
    }
  }
}

const toPlatformRecord = async (
  query: SettledRecordsQuery,
  item: Record<string, unknown>,
  paymentOfNotice: Map<string, string>,
): Promise<PlatformRecord> => {
  const kind = required(item, 'kind');
  const amountFen = item.amountFen;
  if (typeof amountFen !== 'number') throw new SettledRecordError(`${item.pk}`, 'has no amountFen.');
  const base = {
    channel: query.channel,
    amountFen,
    departmentId: required(item, 'departmentId'),
    itemCode: required(item, 'itemCode'),
    occurredAt: required(item, 'settledAt'),
  };
  if (kind === 'payment') {
    return {
      ...base,
      kind: 'payment',
      orderNumber: required(item, 'orderNumber'),
      status: (text(item, 'status') ?? 'paid') as PaymentStatus,
    };
  }
  if (kind !== 'refund') throw new SettledRecordError(`${item.pk}`, `has an unknown kind ${kind}.`);
  const refundNumber = text(item, 'refundId') ?? required(item, 'orderNumber');
  return {
    ...base,
    kind: 'refund',
    orderNumber:
      text(item, 'paymentId') ?? (await paymentIdOfNotice(query, required(item, 'noticeId'), paymentOfNotice)),
    refundNumber,
    status: (text(item, 'status') ?? 'succeeded') as RefundStatus,
  };
};

const paymentIdOfNotice = async (
  query: SettledRecordsQuery,
  noticeId: string,
  cache: Map<string, string>,
): Promise<string> => {
  const known = cache.get(noticeId);
  if (known) return known;
  const { Item } = await query.documents
    .send(new GetCommand({ TableName: query.tableName, Key: { pk: `NOTICE#${noticeId}`, sk: 'NOTICE' } }))
    .catch((error: unknown) => {
      throw translateStorageError(error);
    });
  const payment = Item?.payment as { paymentId?: unknown } | undefined;
  if (typeof payment?.paymentId !== 'string') {
    throw new SettledRecordError(`NOTICE#${noticeId}`, 'a refunded notice has no payment.');
  }
  cache.set(noticeId, payment.paymentId);
  return payment.paymentId;
};
