import { createHash } from 'node:crypto';
import { type DocumentClient, PutCommand, translateStorageError } from '@platform/dynamodb';

/**
 * Remembers DPoP proofs already presented, so that a captured proof can not be replayed (RFC 9449 §11.1). A proof is
 * remembered for as long as it could pass the freshness check; after that its `iat` refuses it anyway.
 */
export interface DpopProofReplayGuard {
  /** True on the first presentation of (`thumbprint`, `jti`); false if it was seen before `expiresAtSeconds`. */
  firstUse(thumbprint: string, jti: string, expiresAtSeconds: number): Promise<boolean>;
}

const proofKey = (thumbprint: string, jti: string) => ({
  // Hashed: jti is client input of any length and alphabet, and must not forge another item's key.
  pk: `DPOP_PROOF#${createHash('sha256').update(`${thumbprint}\n${jti}`, 'utf8').digest('base64url')}`,
  sk: 'DPOP_PROOF',
});

/** On the payments table, one conditional put per proof; the TTL attribute `expiresAt` removes old ones. */
export const createDynamoDbDpopProofReplayGuard = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly now?: () => number;
}): DpopProofReplayGuard => ({
  async firstUse(thumbprint, jti, expiresAtSeconds) {
    const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
    try {
      // Atomic on the one item: of two requests carrying the same proof, exactly one finds it absent. An item past
      // its expiry counts as absent, since TTL deletes late.
      await options.documents.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { ...proofKey(thumbprint, jti), entity: 'dpop-proof', expiresAt: expiresAtSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt <= :now',
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      return translateStorageError(error);
    }
  },
});

/** In one process only: for unit tests. */
export const createInMemoryDpopProofReplayGuard = (now: () => number = Date.now): DpopProofReplayGuard => {
  const seen = new Map<string, number>();
  return {
    async firstUse(thumbprint, jti, expiresAtSeconds) {
      const key = proofKey(thumbprint, jti).pk;
      const held = seen.get(key);
      if (held !== undefined && held > now() / 1000) return false;
      seen.set(key, expiresAtSeconds);
      return true;
    },
  };
};
