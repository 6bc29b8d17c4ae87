import { randomBytes } from 'node:crypto';
import { type DocumentClient, GetCommand, TransactWriteCommand, translateStorageError } from '@platform/dynamodb';

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** A new opaque subject identifier: random, never derived from a phone number, ID number or USCC. */
export const newSubjectId = (): string => randomBytes(16).toString('base64url');

/** The subject a unique identifier's link item points to (consistent read). */
export const readLinkedSub = async (
  documents: DocumentClient,
  tableName: string,
  link: ItemKey,
): Promise<string | undefined> => {
  const result = await documents
    .send(new GetCommand({ TableName: tableName, Key: link, ConsistentRead: true }))
    .catch(translateStorageError);
  return result.Item?.sub as string | undefined;
};

export interface LinkedSubjectOptions<T extends { readonly sub: string; readonly createdAt: string }> {
  readonly documents: DocumentClient;
  readonly tableName: string;
  /** The link item of the unique identifier (e.g. `PHONE#<blind index>` / `ACCOUNT`). */
  readonly link: ItemKey;
  readonly profileKey: (sub: string) => ItemKey;
  /** Stored on the profile item beside the subject (e.g. its blind index). */
  readonly profileExtra: Readonly<Record<string, unknown>>;
  readonly findBySub: (sub: string) => Promise<T | undefined>;
  readonly newSubject: (sub: string) => Promise<T>;
}

/**
 * The subject a unique identifier belongs to, created on first use. The profile and the link are written in one
 * transaction, each conditional on not existing, so two first sign-ins racing with the same identifier create
 * exactly one subject: the loser's transaction is cancelled and it reads the winner's link.
 */
export const findOrCreateLinkedSubject = async <T extends { readonly sub: string; readonly createdAt: string }>(
  options: LinkedSubjectOptions<T>,
): Promise<{ subject: T; created: boolean }> => {
  const { documents, tableName, link } = options;
  const existing = await readLinkedSub(documents, tableName, link);
  if (existing) {
    const subject = await options.findBySub(existing);
    if (subject) return { subject, created: false };
  }
  const subject = await options.newSubject(newSubjectId());
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...options.profileKey(subject.sub), ...subject, ...options.profileExtra },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...link, sub: subject.sub, createdAt: subject.createdAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return { subject, created: true };
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') return translateStorageError(error);
    const winner = await readLinkedSub(documents, tableName, link);
    const found = winner ? await options.findBySub(winner) : undefined;
    if (!found) throw error;
    return { subject: found, created: false };
  }
};
