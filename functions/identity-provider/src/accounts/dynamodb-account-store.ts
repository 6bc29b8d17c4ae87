import { type DocumentClient, GetCommand, translateStorageError } from '@platform/dynamodb';
import { TtlCache } from '../provider/ttl-cache.ts';
import { findOrCreateLinkedSubject } from '../subjects/linked-subject.ts';
import type { Account, AccountStore, PhoneProtector } from './account.ts';

/** How long an account read by `sub` is served from memory (see `createDynamoDbAccountStore`). */
export const ACCOUNT_CACHE_TTL_MS = 30_000;

/**
 * Accounts in the identity table:
 *   ACCOUNT#<sub> / PROFILE        the account (phone sealed)
 *   PHONE#<blind index> / ACCOUNT  the unique link from a phone number to its account
 * created once, race-safe, by `findOrCreateLinkedSubject`.
 *
 * `findBySub` runs on every authorization and token request (oidc-provider's `findAccount`), so accounts found are
 * kept in memory for `cacheTtlMs` (30 s; 0 turns it off), at most `cacheMaxEntries` of them. That is safe because
 * what an `Account` holds is written once, at creation, and never changed, and accounts are never deleted: `sub`,
 * `kind` and `createdAt` are immutable, and the sealed phone could only change by re-sealing under a new master key,
 * after which the old sealed value still opens (the vault keeps rotated-out keys for opening). Other attributes of
 * the same item (the real-name verifications `@platform/real-name` adds) are not part of `Account`, are read
 * through their own store and are not cached here. Should these fields ever become editable, or accounts
 * deletable, an instance would serve the old version for up to `cacheTtlMs`. Absent accounts are not remembered.
 */
export const createDynamoDbAccountStore = (options: {
  documents: DocumentClient;
  tableName: string;
  phones: PhoneProtector;
  now?: () => Date;
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Epoch milliseconds for the cache's clock; injectable for tests. */
  clock?: () => number;
}): AccountStore => {
  const { documents, tableName, phones } = options;
  const now = options.now ?? (() => new Date());
  const cacheTtlMs = options.cacheTtlMs ?? ACCOUNT_CACHE_TTL_MS;
  const cache = new TtlCache<string, Account | undefined>({
    ttlMs: (account) => (account ? cacheTtlMs : 0),
    maxEntries: options.cacheMaxEntries ?? 10_000,
    ...(options.clock ? { now: options.clock } : {}),
  });

  const findBySub = (sub: string): Promise<Account | undefined> => cache.get(sub, readBySub);

  const readBySub = async (sub: string): Promise<Account | undefined> => {
    const result = await documents
      .send(
        new GetCommand({ TableName: tableName, Key: { pk: `ACCOUNT#${sub}`, sk: 'PROFILE' }, ConsistentRead: true }),
      )
      .catch(translateStorageError);
    if (!result.Item) return undefined;
    const { sub: id, kind, createdAt, sealedPhone } = result.Item as Account;
    return { sub: id, kind, createdAt, sealedPhone };
  };

  return {
    findBySub,
    findOrCreateByPhone: async (phone) => {
      const phoneIndex = phones.index(phone);
      const { subject: account, created } = await findOrCreateLinkedSubject<Account>({
        documents,
        tableName,
        link: { pk: `PHONE#${phoneIndex}`, sk: 'ACCOUNT' },
        profileKey: (sub) => ({ pk: `ACCOUNT#${sub}`, sk: 'PROFILE' }),
        profileExtra: { phoneIndex },
        findBySub,
        newSubject: async (sub) => ({
          sub,
          kind: 'natural_person',
          createdAt: now().toISOString(),
          sealedPhone: await phones.seal(phone),
        }),
      });
      if (created) cache.set(account.sub, account);
      return { account, created };
    },
  };
};
