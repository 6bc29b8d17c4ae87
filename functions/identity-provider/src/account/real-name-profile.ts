import { type DocumentClient, GetCommand, translateStorageError } from '@platform/dynamodb';
import { isMethod, METHODS, type Method, VERIFIED_AT_ATTRIBUTE } from '@platform/real-name';

/**
 * What real-name verification left on a person's account, read for the account page (methods and when) and for the
 * `realname` / `idcard` claims (the sealed name and ID number). Sealed values stay sealed here: only the claim code
 * opens them, and only for a scope that was granted.
 */
export interface RealNameProfile {
  /** Each method verified on the account, with when it was last verified (ISO 8601), in ladder order. */
  readonly verified: readonly { readonly method: Method; readonly at?: string }[];
  readonly sealedCitizenId?: string;
  readonly sealedName?: string;
  readonly realNameVerifiedAt?: string;
}

export interface RealNameProfiles {
  /** `undefined` when there is no natural-person account with this sub. */
  get(sub: string): Promise<RealNameProfile | undefined>;
}

/**
 * The account item (`ACCOUNT#<sub>` / `PROFILE`) as `@platform/real-name`'s `createDynamoDbRealNameAccounts` writes
 * it: `verifiedMethods`, `<method>VerifiedAt`, `sealedCitizenId`, `sealedName`, `realNameVerifiedAt`. Read only.
 */
export const createDynamoDbRealNameProfiles = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
}): RealNameProfiles => ({
  get: async (sub) => {
    try {
      const { Item } = await options.documents.send(
        new GetCommand({ TableName: options.tableName, Key: { pk: `ACCOUNT#${sub}`, sk: 'PROFILE' } }),
      );
      if (!Item) return undefined;
      const held = new Set((Item.verifiedMethods instanceof Set ? [...Item.verifiedMethods] : []).filter(isMethod));
      const text = (name: string) => (typeof Item[name] === 'string' ? (Item[name] as string) : undefined);
      const optional = (name: string, value: string | undefined) => (value === undefined ? {} : { [name]: value });
      return {
        verified: METHODS.filter((method) => held.has(method)).map((method) => ({
          method,
          ...optional('at', text(VERIFIED_AT_ATTRIBUTE[method])),
        })),
        ...optional('sealedCitizenId', text('sealedCitizenId')),
        ...optional('sealedName', text('sealedName')),
        ...optional('realNameVerifiedAt', text('realNameVerifiedAt')),
      };
    } catch (error) {
      return translateStorageError(error);
    }
  },
});
