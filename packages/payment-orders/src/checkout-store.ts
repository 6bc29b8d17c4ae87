import {
  type DocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import type { PaymentRecordHost } from '@platform/payment-notices';
import type { CheckoutChannelId } from './channel-registry.ts';
import {
  dueSortKeyBound,
  OPEN_ORDER_INDEX,
  OPEN_ORDER_SHARDS,
  openOrderAttributes,
  openOrderPartition,
  openOrderShard,
  openOrderSortKey,
} from './open-order-index.ts';

/** A channel payment the cashier started: which notice an order number pays. */
export interface CheckoutOrder {
  readonly orderNumber: string;
  readonly noticeId: string;
  readonly channel: CheckoutChannelId;
  readonly amountFen: number;
  readonly createdAt: string;
  /** Set once the order is final for the platform: it leaves the open-order index (`open-order-index.ts`). */
  readonly settlement?: OrderSettlement;
  /** When it was settled; for the order that paid its notice, when the money moved (its payment record's). */
  readonly settledAt?: string;
  /** How many times the sweeper has queried the channel about it while it stayed open. */
  readonly checks?: number;
}

/**
 * How an order ended: it paid its notice, its payment was flagged for refund (`flagged:<reason>`), or the channel
 * payment was closed unpaid (or never existed at the channel).
 */
export type OrderSettlement = 'paid' | `flagged:${FlagReason}` | 'closed';

/** Why a verified payment did not pay a notice. Each one is money to give back, after a person has looked. */
export type FlagReason =
  | 'unknown_order'
  | 'notice_already_paid'
  | 'notice_not_payable'
  | 'amount_mismatch'
  | 'notice_past_due'
  | 'rejected_by_notice';

/** A verified channel payment the platform could not apply, recorded for refund review. */
export interface FlaggedPayment {
  /** The channel event's id: stable across duplicates, so a redelivery flags once. */
  readonly eventId: string;
  readonly channel: CheckoutChannelId;
  readonly orderNumber: string;
  readonly channelTransactionId: string;
  readonly amountFen: number;
  readonly paidAt: string;
  readonly reason: FlagReason;
  readonly noticeId?: string;
  /** The payment that did pay the notice, when the reason is `notice_already_paid`. */
  readonly winningPaymentId?: string;
  readonly flaggedAt: string;
}

/**
 * The cashier's items on the payments table. Beside the notices package's items (README there):
 *
 * | item            | pk                          | sk                | written                                  |
 * | --------------- | --------------------------- | ----------------- | ---------------------------------------- |
 * | order           | `ORDER#<orderNumber>`       | `ORDER`           | before the channel payment is created    |
 * | flagged payment | `FLAGGED_PAYMENT#<eventId>` | `FLAGGED_PAYMENT` | when a verified payment pays nothing     |
 *
 * An open order also carries gsi2 `OPEN_ORDER#<shard>` / `<nextCheckAt>#<orderNumber>`, removed when it is settled
 * (`open-order-index.ts` says why). The order that pays its notice is also that payment's record: `markPaid` writes
 * the payment's attributes onto it (`paymentId`, `channelTransactionId`, `paidAt`, `settledAt` = `paidAt`, `kind`,
 * `departmentId`, `itemCode`, and gsi1 `SETTLED#<channel>#<day>`, the settled-money index reconciliation reads) in
 * the transaction that pays the notice, which usually settles the order too.
 *
 * Storage outages are `StorageUnavailableError`; no SDK type leaves.
 */
export interface CheckoutStore {
  /** Records the order, or finds it already recorded (the order number is deterministic). Returns what is stored. */
  recordOrder(order: CheckoutOrder): Promise<CheckoutOrder>;
  findOrder(orderNumber: string): Promise<CheckoutOrder | undefined>;
  /** Records the flag once; a redelivered event finds it there and changes nothing. */
  flagPayment(flag: FlaggedPayment): Promise<void>;
  findFlag(eventId: string): Promise<FlaggedPayment | undefined>;
  /**
   * Takes the order out of the open-order index, recording how it ended. A settled order stays settled; a paid order
   * keeps the `settledAt` its payment record holds (the instant the money moved, which reconciliation reads).
   */
  settleOrder(orderNumber: string, settlement: OrderSettlement, settledAt: string): Promise<void>;
  /**
   * The order as its payment's record (`markPaid`'s `recordOn`), written in the transaction that pays the notice.
   * `settle`: the same write settles the order as `paid` and takes it out of the open-order index; otherwise it stays
   * open until `settleOrder`.
   */
  orderAsPaymentRecord(orderNumber: string, options: { readonly settle: boolean }): PaymentRecordHost;
  /**
   * Puts an order that its payment settled back into the open-order index, unsettled, due at `nextCheckAt`: what
   * followed the payment failed, and the sweeper must finish it (as for an order whose payment was recorded while it
   * stayed open). An order that is not settled as `paid`, or is back already, is left alone.
   */
  reopenPaidOrder(orderNumber: string, nextCheckAt: string): Promise<void>;
}

/** The sweeper's view of the open orders (implemented by `DynamoDbCheckoutStore`). */
export interface OpenOrders {
  /** Open orders whose next check is due at `now`, oldest due first, at most `limit` per shard. Eventually consistent. */
  listOrdersDue(now: Date, limit: number): Promise<CheckoutOrder[]>;
  /** Moves an open order's next check to `nextCheckAt`; a settled order is left alone. */
  rescheduleCheck(orderNumber: string, nextCheckAt: string, checks: number): Promise<void>;
}

const orderOf = (item: Record<string, unknown>): CheckoutOrder => ({
  orderNumber: String(item.orderNumber),
  noticeId: String(item.noticeId),
  channel: item.channel as CheckoutChannelId,
  amountFen: Number(item.amountFen),
  createdAt: String(item.createdAt),
  ...(typeof item.settlement === 'string' ? { settlement: item.settlement as OrderSettlement } : {}),
  ...(typeof item.settledAt === 'string' ? { settledAt: item.settledAt } : {}),
  ...(item.checks !== undefined ? { checks: Number(item.checks) } : {}),
});

const orderKey = (orderNumber: string) => ({ pk: `ORDER#${orderNumber}`, sk: 'ORDER' });

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export class DynamoDbCheckoutStore implements CheckoutStore, OpenOrders {
  readonly #documents: DocumentClient;
  readonly #tableName: string;

  constructor(options: { readonly documents: DocumentClient; readonly tableName: string }) {
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  /** A put only if absent: of two cashier requests for the same order, one writes and both read the same item. */
  async recordOrder(order: CheckoutOrder): Promise<CheckoutOrder> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...orderKey(order.orderNumber),
            entity: 'order',
            ...order,
            ...openOrderAttributes(order.orderNumber, order.createdAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return order;
    } catch (error) {
      if (!isConditionFailure(error)) return translateStorageError(error);
    }
    const stored = await this.findOrder(order.orderNumber);
    if (!stored) throw new Error(`Order ${order.orderNumber} was claimed but can not be read.`);
    return stored;
  }

  async findOrder(orderNumber: string): Promise<CheckoutOrder | undefined> {
    const item = await this.#get(orderKey(orderNumber));
    return item ? orderOf(item) : undefined;
  }

  /** One write: removes the index attributes, only from an order that exists and is not settled yet. */
  async settleOrder(orderNumber: string, settlement: OrderSettlement, settledAt: string): Promise<void> {
    await this.#updateOrder({
      TableName: this.#tableName,
      Key: orderKey(orderNumber),
      UpdateExpression:
        'SET settlement = :settlement, settledAt = if_not_exists(settledAt, :settledAt) REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(settlement)',
      ExpressionAttributeValues: { ':settlement': settlement, ':settledAt': settledAt },
    });
  }

  orderAsPaymentRecord(orderNumber: string, options: { readonly settle: boolean }): PaymentRecordHost {
    return {
      key: orderKey(orderNumber),
      ...(options.settle ? { set: { settlement: 'paid' }, remove: ['gsi2pk', 'gsi2sk'] } : {}),
    };
  }

  async reopenPaidOrder(orderNumber: string, nextCheckAt: string): Promise<void> {
    await this.#updateOrder({
      TableName: this.#tableName,
      Key: orderKey(orderNumber),
      UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE settlement',
      ConditionExpression: 'settlement = :paid AND attribute_not_exists(gsi2pk)',
      ExpressionAttributeValues: {
        ':pk': openOrderPartition(openOrderShard(orderNumber)),
        ':sk': openOrderSortKey(nextCheckAt, orderNumber),
        ':paid': 'paid',
      },
    });
  }

  async rescheduleCheck(orderNumber: string, nextCheckAt: string, checks: number): Promise<void> {
    await this.#updateOrder({
      TableName: this.#tableName,
      Key: orderKey(orderNumber),
      UpdateExpression: 'SET gsi2sk = :sk, checks = :checks',
      ConditionExpression: 'attribute_exists(gsi2pk)',
      ExpressionAttributeValues: { ':sk': openOrderSortKey(nextCheckAt, orderNumber), ':checks': checks },
    });
  }

  async listOrdersDue(now: Date, limit: number): Promise<CheckoutOrder[]> {
    const shards = Array.from({ length: OPEN_ORDER_SHARDS }, (_, shard) => shard);
    try {
      const pages = await Promise.all(
        shards.map((shard) =>
          this.#documents.send(
            new QueryCommand({
              TableName: this.#tableName,
              IndexName: OPEN_ORDER_INDEX,
              KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
              ExpressionAttributeValues: { ':pk': openOrderPartition(shard), ':due': dueSortKeyBound(now) },
              Limit: limit,
            }),
          ),
        ),
      );
      return pages.flatMap((page) => (page.Items ?? []).map(orderOf));
    } catch (error) {
      return translateStorageError(error);
    }
  }

  /** A failed condition means the order is gone or already settled: nothing left to do. */
  async #updateOrder(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<void> {
    try {
      await this.#documents.send(new UpdateCommand(input));
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
    }
  }

  /** A put only if absent: the first verified delivery of an event records it; redeliveries are no-ops. */
  async flagPayment(flag: FlaggedPayment): Promise<void> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk: `FLAGGED_PAYMENT#${flag.eventId}`, sk: 'FLAGGED_PAYMENT', entity: 'flagged-payment', ...flag },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
    }
  }

  async findFlag(eventId: string): Promise<FlaggedPayment | undefined> {
    const item = await this.#get({ pk: `FLAGGED_PAYMENT#${eventId}`, sk: 'FLAGGED_PAYMENT' });
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...flag } = item;
    return flag as unknown as FlaggedPayment;
  }

  async #get(key: { readonly pk: string; readonly sk: string }): Promise<Record<string, unknown> | undefined> {
    try {
      const result = await this.#documents.send(
        new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }),
      );
      return result.Item;
    } catch (error) {
      return translateStorageError(error);
    }
  }
}
