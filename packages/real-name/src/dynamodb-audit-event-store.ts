import {
  type DocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  translateStorageError,
} from '@platform/dynamodb';
import type { AuditEvent } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';
import { cancellationCodes, isConditionFailure } from './dynamodb-errors.ts';

/**
 * `AuditEventStore` on the identity table: one item per event, the subject's trail one partition.
 *
 * | pk             | sk                                   | attributes                                       |
 * | -------------- | ------------------------------------ | ------------------------------------------------ |
 * | `AUDIT#<sub>`  | `<ISO time>#<16 base32 characters>`  | entity `AuditEvent`, type, at, sub, portal?, and |
 * |                |                                      | the fields of the event type (masked values)     |
 *
 * No TTL unless `retentionDays` is set: the trail is kept (the Cybersecurity Law asks for at least six months of
 * logs; the operator sets the policy). Append-only by construction — this adapter has no update or delete — and by
 * condition: a put never replaces an item. In AWS, also deny `UpdateItem`/`DeleteItem` on `AUDIT#*` to the functions.
 */
export interface DynamoDbAuditEventStoreOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly retentionDays?: number;
}

const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'expiresAt']);

export const createDynamoDbAuditEventStore = (options: DynamoDbAuditEventStoreOptions): AuditEventStore => {
  const { documents, tableName: TableName, retentionDays } = options;
  if (retentionDays !== undefined && (!Number.isInteger(retentionDays) || retentionDays < 180)) {
    throw new RangeError('retentionDays must be a whole number of at least 180 days.');
  }

  const put = (event: AuditEvent) => {
    const expiresAt =
      retentionDays === undefined ? {} : { expiresAt: Math.ceil(Date.parse(event.at) / 1000) + retentionDays * 86_400 };
    return {
      TableName,
      Item: { ...event, pk: `AUDIT#${event.sub}`, sk: event.id, entity: 'AuditEvent', ...expiresAt },
      // Append-only: an item with this key is never replaced, whatever it holds.
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  };

  return {
    append: async (event) => {
      try {
        await documents.send(new PutCommand(put(event)));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        return translateStorageError(error);
      }
    },
    appendAll: async (events) => {
      try {
        await documents.send(new TransactWriteCommand({ TransactItems: events.map((event) => ({ Put: put(event) })) }));
        return true;
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (reasons?.includes('ConditionalCheckFailed')) return false;
        // TransactionConflict and the like: nothing was written, and the trail's caller retries like any outage.
        return translateStorageError(error);
      }
    },
    listNewestFirst: async (sub, { before, limit }) => {
      try {
        const { Items = [] } = await documents.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
            ExpressionAttributeValues: {
              ':pk': `AUDIT#${sub}`,
              ...(before === undefined ? {} : { ':before': before }),
            },
            ScanIndexForward: false,
            Limit: limit,
            ConsistentRead: true,
          }),
        );
        return Items.map(
          (item) =>
            Object.fromEntries(Object.entries(item).filter(([key]) => !STORAGE_ATTRIBUTES.has(key))) as AuditEvent,
        );
      } catch (error) {
        return translateStorageError(error);
      }
    },
  };
};
