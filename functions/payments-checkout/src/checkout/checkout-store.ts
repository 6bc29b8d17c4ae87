import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { translateStorageError } from '@platform/dynamodb';
import type { CheckoutChannelId } from './channel-registry.ts';

/** A channel payment the cashier started: which notice an order number pays. */
export interface CheckoutOrder {
  readonly orderNumber: string;
  readonly noticeId: string;
  readonly channel: CheckoutChannelId;
  readonly amountFen: number;
  readonly createdAt: string;
}

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
 * Storage outages are `StorageUnavailableError`; no SDK type leaves.
 */
export interface CheckoutStore {
  /** Records the order, or finds it already recorded (the order number is deterministic). Returns what is stored. */
  recordOrder(order: CheckoutOrder): Promise<CheckoutOrder>;
  findOrder(orderNumber: string): Promise<CheckoutOrder | undefined>;
  /** Records the flag once; a redelivered event finds it there and changes nothing. */
  flagPayment(flag: FlaggedPayment): Promise<void>;
  findFlag(eventId: string): Promise<FlaggedPayment | undefined>;
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export class DynamoDbCheckoutStore implements CheckoutStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: { readonly documents: DynamoDBDocumentClient; readonly tableName: string }) {
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  /** A put only if absent: of two cashier requests for the same order, one writes and both read the same item. */
  async recordOrder(order: CheckoutOrder): Promise<CheckoutOrder> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk: `ORDER#${order.orderNumber}`, sk: 'ORDER', entity: 'order', ...order },
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
    const item = await this.#get(`ORDER#${orderNumber}`, 'ORDER');
    if (!item) return undefined;
    return {
      orderNumber: String(item.orderNumber),
      noticeId: String(item.noticeId),
      channel: item.channel as CheckoutChannelId,
      amountFen: Number(item.amountFen),
      createdAt: String(item.createdAt),
    };
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
    const item = await this.#get(`FLAGGED_PAYMENT#${eventId}`, 'FLAGGED_PAYMENT');
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...flag } = item;
    return flag as unknown as FlaggedPayment;
  }

  async #get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    try {
      const result = await this.#documents.send(
        new GetCommand({ TableName: this.#tableName, Key: { pk, sk }, ConsistentRead: true }),
      );
      return result.Item;
    } catch (error) {
      return translateStorageError(error);
    }
  }
}
