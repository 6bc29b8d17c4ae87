import { type DocumentClient, GetCommand, translateStorageError } from '@platform/dynamodb';
import { findOrCreateLinkedSubject } from '../subjects/linked-subject.ts';
import type { LegalPerson, LegalPersonStore, UsccProtector } from './legal-person.ts';

/**
 * Legal persons in the identity table:
 *   LEGAL_PERSON#<sub> / PROFILE   the subject (kind legal_person, USCC sealed)
 *   USCC#<blind index> / ACCOUNT    the unique link from a USCC to its subject
 * created once, race-safe, by `findOrCreateLinkedSubject`.
 */
export const createDynamoDbLegalPersonStore = (options: {
  documents: DocumentClient;
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

  return {
    findBySub,
    findOrCreateByUscc: async (uscc, companyName) => {
      const usccIndex = usccs.index(uscc);
      const { subject: legalPerson, created } = await findOrCreateLinkedSubject<LegalPerson>({
        documents,
        tableName,
        link: { pk: `USCC#${usccIndex}`, sk: 'ACCOUNT' },
        profileKey: (sub) => ({ pk: `LEGAL_PERSON#${sub}`, sk: 'PROFILE' }),
        profileExtra: { usccIndex },
        findBySub,
        newSubject: async (sub) => ({
          sub,
          kind: 'legal_person',
          createdAt: now().toISOString(),
          sealedUscc: await usccs.seal(uscc),
          companyName,
        }),
      });
      return { legalPerson, created };
    },
  };
};
