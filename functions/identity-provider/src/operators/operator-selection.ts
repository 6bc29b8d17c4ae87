import { DeleteCommand, type DocumentClient, GetCommand, PutCommand, translateStorageError } from '@platform/dynamodb';

/**
 * Whom a person chose to act for at one portal within one single sign-on session: the link between the operator
 * prompt (an interaction) and the claims (token and UserInfo requests, which carry the session's uid). Overwritten by
 * the next choice at that portal; kept as long as a session or a refresh token can live.
 */
export interface OperatorSelections {
  choose(sessionUid: string, clientId: string, legalPersonSub: string | undefined): Promise<void>;
  chosen(sessionUid: string, clientId: string): Promise<string | undefined>;
}

/** Longer than the SSO session and the refresh token (8 h each): the grant is checked again at every read anyway. */
const KEEP_SECONDS = 24 * 60 * 60;

/** `OPERATOR_SELECTION#<session uid>` / `CLIENT#<client id>` → `legalPersonSub`, with a TTL. */
export const createDynamoDbOperatorSelections = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly now?: () => Date;
}): OperatorSelections => {
  const { documents, tableName } = options;
  const now = options.now ?? (() => new Date());
  const key = (sessionUid: string, clientId: string) => ({
    pk: `OPERATOR_SELECTION#${sessionUid}`,
    sk: `CLIENT#${clientId}`,
  });
  return {
    choose: async (sessionUid, clientId, legalPersonSub) => {
      const command =
        legalPersonSub === undefined
          ? new DeleteCommand({ TableName: tableName, Key: key(sessionUid, clientId) })
          : new PutCommand({
              TableName: tableName,
              Item: {
                ...key(sessionUid, clientId),
                entity: 'OperatorSelection',
                legalPersonSub,
                expiresAt: Math.floor(now().getTime() / 1000) + KEEP_SECONDS,
              },
            });
      await documents.send(command as never).catch(translateStorageError);
    },
    chosen: async (sessionUid, clientId) => {
      const { Item } = await documents
        .send(new GetCommand({ TableName: tableName, Key: key(sessionUid, clientId), ConsistentRead: true }))
        .catch(translateStorageError);
      if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 < now().getTime())) return undefined;
      return typeof Item.legalPersonSub === 'string' ? Item.legalPersonSub : undefined;
    },
  };
};
