import {
  type DocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  translateStorageError,
} from '@platform/dynamodb';
import type { GrantOutcome, OperatorGrant, OperatorGrantStore, RevokeOutcome } from './operator-grant.ts';

/**
 * Operator grants in the identity table, one grant as two items written together in one transaction:
 *   OPERATOR_GRANT#<company sub> / CITIZEN#<ID blind index>     the company's list of operators
 *   OPERATOR_OF#<ID blind index> / LEGAL_PERSON#<company sub>    the companies a person may act for
 * Both hold the whole grant, so either direction is one Query with no second read.
 */
const companyKey = (legalPersonSub: string, citizenIndex: string) => ({
  pk: `OPERATOR_GRANT#${legalPersonSub}`,
  sk: `CITIZEN#${citizenIndex}`,
});
const citizenKey = (legalPersonSub: string, citizenIndex: string) => ({
  pk: `OPERATOR_OF#${citizenIndex}`,
  sk: `LEGAL_PERSON#${legalPersonSub}`,
});

const FIELDS = [
  'legalPersonSub',
  'citizenIndex',
  'nameIndex',
  'maskedCitizenId',
  'maskedName',
  'grantedBy',
  'grantedAt',
  'revokedBy',
  'revokedAt',
] as const;

const grantOf = (item: Record<string, unknown>): OperatorGrant =>
  Object.fromEntries(FIELDS.filter((field) => typeof item[field] === 'string').map((f) => [f, item[f]])) as never;

const cancelled = (error: unknown) => (error as Error).name === 'TransactionCanceledException';

export const createDynamoDbOperatorGrantStore = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
}): OperatorGrantStore => {
  const { documents, tableName } = options;

  const query = async (pk: string): Promise<OperatorGrant[]> => {
    const grants: OperatorGrant[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documents
        .send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )
        .catch(translateStorageError);
      for (const item of page.Items ?? []) grants.push(grantOf(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return grants;
  };

  const findActive = async (legalPersonSub: string, citizenIndex: string) => {
    const { Item } = await documents
      .send(
        new GetCommand({ TableName: tableName, Key: companyKey(legalPersonSub, citizenIndex), ConsistentRead: true }),
      )
      .catch(translateStorageError);
    if (!Item || typeof Item.revokedAt === 'string') return undefined;
    return grantOf(Item);
  };

  return {
    grant: async (grant): Promise<GrantOutcome> => {
      const item = { entity: 'OperatorGrant', ...grant };
      // A grant may be written where there is none or where the last one was revoked; an active one stays as it is.
      const condition = 'attribute_not_exists(pk) OR attribute_exists(revokedAt)';
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...companyKey(grant.legalPersonSub, grant.citizenIndex), ...item },
                  ConditionExpression: condition,
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...citizenKey(grant.legalPersonSub, grant.citizenIndex), ...item },
                  ConditionExpression: condition,
                },
              },
            ],
          }),
        );
        return { granted: true };
      } catch (error) {
        if (cancelled(error)) return { granted: false, reason: 'already_granted' };
        return translateStorageError(error);
      }
    },

    revoke: async (legalPersonSub, citizenIndex, by, at): Promise<RevokeOutcome> => {
      const active = await findActive(legalPersonSub, citizenIndex);
      if (!active) return { revoked: false };
      // Only an active grant is revoked, and only once: the condition, not the read above, decides.
      const update = (Key: Record<string, string>) => ({
        Update: {
          TableName: tableName,
          Key,
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND grantedAt = :grantedAt',
          ExpressionAttributeValues: { ':at': at, ':by': by, ':grantedAt': active.grantedAt },
        },
      });
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              update(companyKey(legalPersonSub, citizenIndex)),
              update(citizenKey(legalPersonSub, citizenIndex)),
            ],
          }),
        );
        return { revoked: true, grant: { ...active, revokedAt: at, revokedBy: by } };
      } catch (error) {
        if (cancelled(error)) return { revoked: false };
        return translateStorageError(error);
      }
    },

    listForLegalPerson: async (legalPersonSub) =>
      (await query(`OPERATOR_GRANT#${legalPersonSub}`)).sort((a, b) => b.grantedAt.localeCompare(a.grantedAt)),

    activeForCitizen: async (citizenIndex) =>
      (await query(`OPERATOR_OF#${citizenIndex}`)).filter((grant) => grant.revokedAt === undefined),

    findActive,
  };
};
