import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { translateStorageError } from '@platform/dynamodb';
import type { LegalPerson, LegalPersonStore, UsccProtector } from './legal-person.ts';

/**
 * Legal persons in the identity table:
 *   LEGAL_PERSON#<sub> / PROFILE   the subject (kind legal_person, USCC sealed)
 *   USCC#<blind index> / ACCOUNT    the unique link from a USCC to its subject
 * Both are written in one transaction, each conditional on not existing, so two first sign-ins racing with the same
 * USCC create exactly one subject: the loser's transaction is cancelled and it reads the winner's link (the same
 * pattern as `accounts/dynamodb-account-store.ts`).
 */
export const createDynamoDbLegalPersonStore = (options: {
  documents: DynamoDBDocumentClient;
  tableName: string;
  usccs: UsccProtector;
  now?: () => Date;
}): LegalPersonStore => {
  const { documents, tableName, usccs } = options;
  const now = options.now ?? (() => new Date());

  const findBySub = async (sub: string): Promise<LegalPerson | undefined> => {
    const result = await documents
      .send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: `LEGAL_PERSON#${sub}`, sk: 'PROFILE' },
          ConsistentRead: true,
        }),
      )
      .catch(translateStorageError);
    if (result.Item?.kind !== 'legal_person') return undefined;
    const { createdAt, sealedUscc, companyName } = result.Item as LegalPerson;
    return { sub: result.Item.sub as string, kind: 'legal_person', createdAt, sealedUscc, companyName };
  };

  const subOfUscc = async (usccIndex: string): Promise<string | undefined> => {
    const link = await documents
      .send(
        new GetCommand({ TableName: tableName, Key: { pk: `USCC#${usccIndex}`, sk: 'ACCOUNT' }, ConsistentRead: true }),
      )
      .catch(translateStorageError);
    return link.Item?.sub as string | undefined;
  };

  return {
    findBySub,
    findOrCreateByUscc: async (uscc, companyName) => {
      const usccIndex = usccs.index(uscc);
      const existing = await subOfUscc(usccIndex);
      if (existing) {
        const legalPerson = await findBySub(existing);
        if (legalPerson) return { legalPerson, created: false };
      }
      const legalPerson: LegalPerson = {
        sub: randomBytes(16).toString('base64url'),
        kind: 'legal_person',
        createdAt: now().toISOString(),
        sealedUscc: await usccs.seal(uscc),
        companyName,
      };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: `LEGAL_PERSON#${legalPerson.sub}`, sk: 'PROFILE', ...legalPerson, usccIndex },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: `USCC#${usccIndex}`,
                    sk: 'ACCOUNT',
                    sub: legalPerson.sub,
                    createdAt: legalPerson.createdAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { legalPerson, created: true };
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException') return translateStorageError(error);
        const winner = await subOfUscc(usccIndex);
        const found = winner ? await findBySub(winner) : undefined;
        if (!found) throw error;
        return { legalPerson: found, created: false };
      }
    },
  };
};
