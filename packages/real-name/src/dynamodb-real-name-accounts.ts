import {
  type DocumentClient,
  GetCommand,
  StorageUnavailableError,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  translateStorageError,
} from '@platform/dynamodb';
import { isMethod, type Method } from './assurance-levels.ts';
import { cancellationCodes } from './dynamodb-errors.ts';
import type { AccountVerificationState, RealNameAccounts, VerificationRecord } from './real-name-accounts.ts';

/**
 * `RealNameAccounts` on the identity table.
 *
 * | item         | pk                      | sk        | attributes written here                                 |
 * | ------------ | ----------------------- | --------- | ------------------------------------------------------- |
 * | account      | `ACCOUNT#<sub>`         | `PROFILE` | verifiedMethods (string set), `<method>VerifiedAt`       |
 * |              |                         |           | (ISO), and with an ID number: sealedCitizenId,           |
 * |              |                         |           | sealedName, citizenIndex, realNameVerifiedAt (ISO)       |
 * | citizen link | `CITIZEN#<blind index>` | `ACCOUNT` | entity `CitizenLink`, sub, linkedAt, lastVerifiedAt      |
 *
 * The account item is created by the provider's account store (which also keeps `phoneIndex` there); it is only
 * updated here, attribute by attribute, never replaced. Link and update are one transaction, so an ID number is
 * linked exactly when an account holds it.
 */
export interface DynamoDbRealNameAccountsOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
}

/** The attribute holding when a method was last verified: `idNameVerifiedAt`, `carrier3fVerifiedAt`, … */
export const VERIFIED_AT_ATTRIBUTE: Readonly<Record<Method, string>> = {
  sms: 'smsVerifiedAt',
  id_name: 'idNameVerifiedAt',
  carrier_3f: 'carrier3fVerifiedAt',
  alipay: 'alipayVerifiedAt',
  wechat: 'wechatVerifiedAt',
  enterprise_cert: 'enterpriseCertVerifiedAt',
};

const accountKey = (sub: string) => ({ pk: `ACCOUNT#${sub}`, sk: 'PROFILE' });
const citizenKey = (citizenIndex: string) => ({ pk: `CITIZEN#${citizenIndex}`, sk: 'ACCOUNT' });

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export const createDynamoDbRealNameAccounts = (options: DynamoDbRealNameAccountsOptions): RealNameAccounts => {
  const { documents, tableName: TableName } = options;

  const getVerificationState = async (sub: string): Promise<AccountVerificationState | undefined> => {
    try {
      const { Item } = await documents.send(new GetCommand({ TableName, Key: accountKey(sub), ConsistentRead: true }));
      if (!Item) return undefined;
      const methods = Item.verifiedMethods instanceof Set ? [...Item.verifiedMethods] : [];
      return {
        verifiedMethods: new Set(methods.filter(isMethod)),
        ...(typeof Item.citizenIndex === 'string' ? { citizenIndex: Item.citizenIndex } : {}),
        ...(typeof Item.phoneIndex === 'string' ? { phoneIndex: Item.phoneIndex } : {}),
      };
    } catch (error) {
      return translateStorageError(error);
    }
  };

  const linkWrite = (sub: string, citizenIndex: string, at: string): TransactItems[number] => ({
    Update: {
      TableName,
      Key: citizenKey(citizenIndex),
      UpdateExpression:
        'SET entity = :entity, #sub = if_not_exists(#sub, :sub), linkedAt = if_not_exists(linkedAt, :at), ' +
        'lastVerifiedAt = :at',
      // The one rule that keeps one ID number on one account: the link is created or it already names this sub.
      ConditionExpression: 'attribute_not_exists(pk) OR #sub = :sub',
      ExpressionAttributeNames: { '#sub': 'sub' },
      ExpressionAttributeValues: { ':entity': 'CitizenLink', ':sub': sub, ':at': at },
    },
  });

  const accountWrite = (sub: string, record: VerificationRecord, at: string): TransactItems[number] => {
    const set = ['#verifiedAt = :at'];
    const conditions = ['attribute_exists(pk)'];
    const values: Record<string, unknown> = { ':methods': new Set([record.method]), ':at': at };
    if (record.citizenIndex !== undefined) {
      set.push('sealedCitizenId = :sealedCitizenId', 'sealedName = :sealedName', 'citizenIndex = :citizenIndex');
      set.push('realNameVerifiedAt = :at');
      conditions.push('(attribute_not_exists(citizenIndex) OR citizenIndex = :citizenIndex)');
      Object.assign(values, {
        ':sealedCitizenId': record.sealedCitizenId,
        ':sealedName': record.sealedName,
        ':citizenIndex': record.citizenIndex,
      });
    }
    if (record.phoneIndex !== undefined) {
      conditions.push('phoneIndex = :phoneIndex');
      values[':phoneIndex'] = record.phoneIndex;
    }
    return {
      Update: {
        TableName,
        Key: accountKey(sub),
        // ADD to a string set: idempotent, and concurrent verifications of different methods both land.
        UpdateExpression: `SET ${set.join(', ')} ADD verifiedMethods :methods`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#verifiedAt': VERIFIED_AT_ATTRIBUTE[record.method] },
        ExpressionAttributeValues: values,
      },
    };
  };

  /** Why the account update was refused, read after the fact (a refused transaction returns no item). */
  const accountRefusal = async (sub: string, record: VerificationRecord) => {
    const state = await getVerificationState(sub);
    if (!state) return 'account_not_found' as const;
    if (
      record.citizenIndex !== undefined &&
      state.citizenIndex !== undefined &&
      state.citizenIndex !== record.citizenIndex
    ) {
      return 'account_identity_conflict' as const;
    }
    return 'phone_changed' as const;
  };

  return {
    getVerificationState,
    recordVerification: async (sub, record) => {
      if (record.citizenIndex !== undefined && (!record.sealedCitizenId || !record.sealedName)) {
        throw new TypeError('A citizen index is recorded with the sealed ID number and name.');
      }
      const at = record.verifiedAt.toISOString();
      const link = record.citizenIndex === undefined ? [] : [linkWrite(sub, record.citizenIndex, at)];
      try {
        await documents.send(new TransactWriteCommand({ TransactItems: [...link, accountWrite(sub, record, at)] }));
        return { recorded: true };
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (!reasons) return translateStorageError(error);
        if (link.length > 0 && reasons[0] === 'ConditionalCheckFailed') {
          return { recorded: false, reason: 'identity_already_linked' };
        }
        if (reasons.at(-1) === 'ConditionalCheckFailed')
          return { recorded: false, reason: await accountRefusal(sub, record) };
        // TransactionConflict and the like: another write to these items was in flight. Safe to retry.
        throw new StorageUnavailableError(error);
      }
    },
  };
};
