import { type DocumentClient, PutCommand, QueryCommand, translateStorageError } from '@platform/dynamodb';
import type { AuditEvent } from './audit-event.ts';
import type { AuditEventStore } from './audit-event-store.ts';
import { isConditionFailure } from './dynamodb-errors.ts';

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

  return {
    append: async (event) => {
      const expiresAt =
        retentionDays === undefined
          ? {}
          : { expiresAt: Math.ceil(Date.parse(event.at) / 1000) + retentionDays * 86_400 };
      try {
        await documents.send(
          new PutCommand({
            TableName,
            Item: { ...event, pk: `AUDIT#${event.sub}`, sk: event.id, entity: 'AuditEvent', ...expiresAt },
            // Append-only: an item with this key is never replaced, whatever it holds.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
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
