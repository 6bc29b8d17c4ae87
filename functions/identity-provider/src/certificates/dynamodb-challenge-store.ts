import { type DocumentClient, PutCommand, translateStorageError, UpdateCommand } from '@platform/dynamodb';
import type { ChallengeRecord, ChallengeStore } from '@platform/enterprise-certificates';

/** How long after expiry a challenge item stays (so that a late replay says `used`, not `unknown`) before TTL. */
const RETENTION_MS = 60 * 60 * 1000;

const epochSeconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * Enterprise sign-in challenges on the identity table (`CERT_CHALLENGE#<id>` / `CHALLENGE`, TTL attribute
 * `expiresAt` in epoch seconds; the challenge's own expiry is `challengeExpiresAtMs`). The port's contract is in
 * `packages/enterprise-certificates/src/challenge-store.ts`: `consume` is one conditional update, so a challenge is
 * used once under any concurrency.
 */
export const createDynamoDbChallengeStore = (options: {
  documents: DocumentClient;
  tableName: string;
}): ChallengeStore => {
  const { documents, tableName } = options;
  const key = (id: string) => ({ pk: `CERT_CHALLENGE#${id}`, sk: 'CHALLENGE' });
  return {
    save: async (record) => {
      await documents
        .send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(record.id),
              entity: 'cert_challenge',
              id: record.id,
              nonce: record.nonce,
              origin: record.origin,
              challengeExpiresAtMs: record.expiresAt,
              expiresAt: epochSeconds(record.expiresAt + RETENTION_MS),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch(translateStorageError);
    },
    consume: async (id) => {
      try {
        const result = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(id),
            UpdateExpression: 'SET usedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':now': new Date().toISOString() },
            ReturnValues: 'ALL_OLD',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const item = result.Attributes;
        if (!item) return 'unknown';
        const record: ChallengeRecord = {
          id: String(item.id),
          nonce: String(item.nonce),
          origin: String(item.origin),
          expiresAt: Number(item.challengeExpiresAtMs),
        };
        return record;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') return translateStorageError(error);
        // With ReturnValuesOnConditionCheckFailure the failed check carries the item when there was one: used.
        return (error as { Item?: unknown }).Item ? 'used' : 'unknown';
      }
    },
  };
};
