import {
  DeleteCommand,
  type DocumentClient,
  PutCommand,
  QueryCommand,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import type { LogoutDelivery, LogoutDeliveryStore } from './logout-delivery.ts';

/**
 * Pending deliveries in the identity table: `LOGOUT_DELIVERY#<client>#<sid>`, listed by due time through gsi1
 * (`LOGOUT_DELIVERY_DUE`, zero-padded epoch seconds). Given-up deliveries lose their gsi1 keys and expire after
 * 30 days by TTL.
 */
const DUE = 'LOGOUT_DELIVERY_DUE';
const KEEP_SECONDS = 30 * 24 * 3_600;
const key = (d: Pick<LogoutDelivery, 'clientId' | 'sid'>) => ({
  pk: `LOGOUT_DELIVERY#${d.clientId}#${d.sid}`,
  sk: 'DELIVERY',
});
const dueKey = (at: number, d: LogoutDelivery) => `${String(at).padStart(12, '0')}#${d.clientId}#${d.sid}`;

export const createDynamoDbLogoutDeliveryStore = (options: {
  documents: DocumentClient;
  tableName: string;
}): LogoutDeliveryStore => {
  const { documents, tableName } = options;
  return {
    recordFailure: async (delivery) => {
      await documents
        .send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(delivery),
              ...delivery,
              status: 'pending',
              gsi1pk: DUE,
              gsi1sk: dueKey(delivery.nextAttemptAt, delivery),
              expiresAt: delivery.nextAttemptAt + KEEP_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') return translateStorageError(error);
        });
    },
    due: async (nowSeconds, limit) => {
      const result = await documents
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
            ExpressionAttributeValues: { ':due': DUE, ':now': `${String(nowSeconds).padStart(12, '0')}#~` },
            Limit: limit,
          }),
        )
        .catch(translateStorageError);
      return (result.Items ?? []).map((item) => ({
        clientId: item.clientId as string,
        accountId: item.accountId as string,
        sid: item.sid as string,
        attempts: item.attempts as number,
        nextAttemptAt: item.nextAttemptAt as number,
        lastError: item.lastError as string,
      }));
    },
    delivered: async (delivery) => {
      await documents
        .send(new DeleteCommand({ TableName: tableName, Key: key(delivery) }))
        .catch(translateStorageError);
    },
    failedAgain: async (delivery, error, nextAttemptAt) => {
      // Conditional on the attempt count read, so two overlapping retry runs cannot both count one attempt.
      const schedule =
        nextAttemptAt === undefined
          ? 'REMOVE gsi1pk, gsi1sk SET #status = :gaveUp'
          : 'SET gsi1sk = :due, nextAttemptAt = :next';
      await documents
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(delivery),
            UpdateExpression: `${schedule}, attempts = :attempts, lastError = :error`,
            ConditionExpression: 'attempts = :read',
            ExpressionAttributeNames: nextAttemptAt === undefined ? { '#status': 'status' } : undefined,
            ExpressionAttributeValues: {
              ':attempts': delivery.attempts + 1,
              ':read': delivery.attempts,
              ':error': error.slice(0, 500),
              ...(nextAttemptAt === undefined
                ? { ':gaveUp': 'gave_up' }
                : { ':due': dueKey(nextAttemptAt, delivery), ':next': nextAttemptAt }),
            },
          }),
        )
        .catch((failure: Error) => {
          if (failure.name !== 'ConditionalCheckFailedException') return translateStorageError(failure);
        });
    },
  };
};
