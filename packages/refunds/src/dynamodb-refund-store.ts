import { type DocumentClient, GetCommand, PutCommand, QueryCommand, translateStorageError } from '@platform/dynamodb';
import type { Refund } from './refund.ts';
import { fromRefundItem, refundItemKey, toRefundItem, type WorkQueue, workQueuePartition } from './refund-item.ts';
import { type RefundStore, RefundWriteConflict } from './refund-store.ts';
import { REFUND_TRANSITIONS, type RefundTransition } from './refund-transitions.ts';

/** Attributes a release may not set: the record's keys and what identifies the refund (checked, not changed). */
const IDENTITY = new Set(['pk', 'sk', 'noticeId', 'refundId', 'amountFen']);

export class DynamoDbRefundStore implements RefundStore {
  readonly #documents: DocumentClient;
  readonly #tableName: string;

  constructor(options: { readonly documents: DocumentClient; readonly tableName: string }) {
    if (!options.documents || !options.tableName) {
      throw new TypeError('DynamoDbRefundStore: `documents` and `tableName` are required');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  async get(refundId: string): Promise<Refund | undefined> {
    const result = await this.#documents
      .send(new GetCommand({ TableName: this.#tableName, Key: refundItemKey(refundId), ConsistentRead: true }))
      .catch(translateStorageError);
    return result.Item && typeof result.Item.state === 'string' ? fromRefundItem(result.Item) : undefined;
  }

  /**
   * The whole record replaced, on two conditions the database checks: the state is one the transition may start
   * from, and the version is the one read. Of two writers who read the same version exactly one succeeds.
   */
  async save(read: Refund, next: Refund, transition: RefundTransition): Promise<void> {
    const states = REFUND_TRANSITIONS[transition] as readonly string[];
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toRefundItem(next),
          ConditionExpression: `#state IN (${states.map((_, i) => `:from${i}`).join(', ')}) AND #version = :version`,
          ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
          ExpressionAttributeValues: {
            ...Object.fromEntries(states.map((state, i) => [`:from${i}`, state])),
            ':version': read.version,
          },
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new RefundWriteConflict(read.refundId);
      }
      translateStorageError(error);
    }
  }

  async listQueue(queue: WorkQueue, options: { before?: string; limit?: number } = {}): Promise<Refund[]> {
    const refunds: Refund[] = [];
    const limit = options.limit ?? 100;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents
        .send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: 'gsi2',
            KeyConditionExpression:
              options.before === undefined ? 'gsi2pk = :queue' : 'gsi2pk = :queue AND gsi2sk < :before',
            ExpressionAttributeValues: {
              ':queue': workQueuePartition(queue),
              ...(options.before === undefined ? {} : { ':before': options.before }),
            },
            Limit: limit - refunds.length,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        )
        .catch(translateStorageError);
      refunds.push(...(page.Items ?? []).map(fromRefundItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey && refunds.length < limit);
    return refunds;
  }

  recordAttributes(refund: Refund): Record<string, unknown> {
    return Object.fromEntries(Object.entries(toRefundItem(refund)).filter(([name]) => !IDENTITY.has(name)));
  }
}
