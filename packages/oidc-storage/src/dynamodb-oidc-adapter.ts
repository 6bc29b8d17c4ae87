/**
 * oidc-provider's storage adapter on the identity table.
 *
 * Keys (full table in `oidc-item-keys.ts`): `pk = OIDC#<Model>#<id>`, `sk = OIDC`; `gsi1pk = OIDC_UID#Session#<uid>`
 * or `OIDC_USER_CODE#<Model>#<userCode>` for the two lookups; `gsi2pk = OIDC_GRANT#<grantId>` on grant-bound
 * records for revocation; `expiresAt` (epoch seconds) is the TTL. The payload is a JSON string (why: `oidc-record.ts`)
 * with `consumed` beside it as its own attribute, so that `consume` can be one conditional UpdateItem.
 */
import {
  DeleteCommand,
  type DocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { revokeGrantRecords } from './grant-revocation.ts';
import {
  LOOKUP_INDEX,
  type RecordKey,
  recordKey,
  UID_LOOKUP_MODELS,
  uidLookupKey,
  userCodeLookupKey,
} from './oidc-item-keys.ts';
import { epochSeconds, isExpired, type OidcRecordItem, toPayload, toRecordItem } from './oidc-record.ts';
import { OidcRecordAlreadyConsumedError, OidcRecordNotFoundError } from './oidc-storage-errors.ts';
import { SessionTouches } from './session-touches.ts';

export interface DynamoDbOidcStorageOptions {
  readonly documents: DocumentClient;
  /** Physical name of the identity table (`IDENTITY_TABLE`). */
  readonly tableName: string;
  /** Current time in epoch milliseconds; injectable so that tests can move time. Defaults to `Date.now`. */
  readonly now?: () => number;
}

interface DynamoDbOidcStorage {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly now: () => number;
  readonly lookupHints: LookupHints;
  readonly sessionTouches: SessionTouches;
}

const SESSION_MODEL = 'Session';

/** How many lookup keys (session uids, user codes) an instance remembers the record id of. */
const LOOKUP_HINTS_MAX = 10_000;

/**
 * Lookup key → id of the record this process last wrote or read under it. Only a hint: `#findByLookupKey` reads the
 * hinted record consistently and uses it only if it is live and still carries the lookup key; otherwise it forgets
 * the hint and asks the index. Bounded: beyond `LOOKUP_HINTS_MAX` keys the oldest are dropped.
 */
class LookupHints {
  readonly #ids = new Map<string, string>();

  get(lookupKey: string): string | undefined {
    return this.#ids.get(lookupKey);
  }

  remember(lookupKey: string, id: string): void {
    this.#ids.delete(lookupKey);
    this.#ids.set(lookupKey, id);
    if (this.#ids.size > LOOKUP_HINTS_MAX) this.#ids.delete(this.#ids.keys().next().value as string);
  }

  forget(lookupKey: string): void {
    this.#ids.delete(lookupKey);
  }
}

type ConsumeOutcome = 'consumed' | 'already-consumed' | 'not-found';

const isConditionFailure = (error: unknown): error is Error & { Item?: Record<string, unknown> } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * oidc-provider's storage for one model (`Session`, `AccessToken`, `AuthorizationCode`, …) in the identity table.
 * Key layout: `oidc-item-keys.ts`; item shape and expiry: `oidc-record.ts`. oidc-provider builds one instance per
 * model with `new Adapter(modelName)`; `createDynamoDbAdapterFactory` binds the table to that constructor.
 *
 * Every SDK failure leaves through `translateStorageError`: transient ones as `StorageUnavailableError`.
 */
export class DynamoDbOidcAdapter implements Adapter {
  readonly model: string;
  readonly #storage: DynamoDbOidcStorage;

  constructor(model: string, storage: DynamoDbOidcStorage) {
    this.model = model;
    this.#storage = storage;
  }

  /**
   * Creates or replaces the record; `expiresIn` (seconds) sets its TTL, none means it lives until destroyed. A
   * Session saved unchanged but for a slightly later expiry is not written again (`session-touches.ts`).
   */
  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const { documents, tableName, now, sessionTouches } = this.#storage;
    const Item = toRecordItem(this.model, id, payload, expiresIn, now());
    const session = this.model === SESSION_MODEL;
    if (!(session && expiresIn && sessionTouches.isTouchOnly(id, payload, Item.expiresAt, expiresIn))) {
      await documents.send(new PutCommand({ TableName: tableName, Item })).catch(translateStorageError);
      if (session) sessionTouches.remember(id, Item.payload, Item.expiresAt);
    }
    if (Item.gsi1pk) this.#storage.lookupHints.remember(Item.gsi1pk, id);
  }

  /** The payload (with `consumed` once consumed), or undefined when absent or expired. */
  async find(id: string): Promise<AdapterPayload | undefined> {
    const item = await this.#readLive(recordKey(this.model, id));
    if (item?.gsi1pk) this.#storage.lookupHints.remember(item.gsi1pk, id);
    return item ? toPayload(item) : undefined;
  }

  /** The live Session with this `uid`; other models are never looked up by uid. */
  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (!UID_LOOKUP_MODELS.has(this.model)) return undefined;
    return this.#findByLookupKey(uidLookupKey(this.model, uid));
  }

  /** The live record of this model (a DeviceCode) with this user code. */
  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#findByLookupKey(userCodeLookupKey(this.model, userCode));
  }

  /**
   * Marks the record consumed, as oidc-provider's contract asks; the engine then sees `consumed` on its next
   * `find` and treats a second use as replay. In addition, of callers racing to consume the same record exactly
   * one succeeds and the others reject with `OidcRecordAlreadyConsumedError` (an `invalid_grant`), so two
   * simultaneous token requests can not both redeem one code. Rejects with `OidcRecordNotFoundError` when there
   * is no live record.
   */
  async consume(id: string): Promise<void> {
    const outcome = await this.#markConsumed(id);
    if (outcome === 'already-consumed') throw new OidcRecordAlreadyConsumedError(this.model);
    if (outcome === 'not-found') throw new OidcRecordNotFoundError(this.model);
  }

  /** Like `consume`, but tells whether this call was the one that consumed the record. */
  async consumeOnce(id: string): Promise<boolean> {
    const outcome = await this.#markConsumed(id);
    if (outcome === 'not-found') throw new OidcRecordNotFoundError(this.model);
    return outcome === 'consumed';
  }

  /** Deletes the record; deleting what is not there succeeds. */
  async destroy(id: string): Promise<void> {
    const { documents, tableName, sessionTouches } = this.#storage;
    if (this.model === SESSION_MODEL) sessionTouches.forget(id);
    await documents
      .send(new DeleteCommand({ TableName: tableName, Key: recordKey(this.model, id) }))
      .catch(translateStorageError);
  }

  /**
   * Deletes every grant-bound record (AccessToken, AuthorizationCode, RefreshToken, DeviceCode,
   * BackchannelAuthenticationRequest, PreAuthorizedCode) of the grant, from whichever model's adapter it is
   * called, as the reference memory adapter does. Safe to repeat.
   */
  async revokeByGrantId(grantId: string): Promise<void> {
    const { documents, tableName } = this.#storage;
    await revokeGrantRecords(documents, tableName, grantId).catch(translateStorageError);
  }

  async #markConsumed(id: string): Promise<ConsumeOutcome> {
    const { documents, tableName, now } = this.#storage;
    const nowMs = now();
    try {
      // The condition makes the database the referee: UpdateItem evaluates it and writes atomically on the item,
      // so of any number of concurrent callers exactly one finds `consumed` absent and sets it. Expired items
      // that TTL has not removed yet count as absent, as they do for `find`.
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: recordKey(this.model, id),
          UpdateExpression: 'SET #consumed = :now',
          ConditionExpression:
            'attribute_exists(#pk) AND attribute_not_exists(#consumed) AND (attribute_not_exists(#expiresAt) OR #expiresAt > :now)',
          ExpressionAttributeNames: { '#pk': 'pk', '#consumed': 'consumed', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': epochSeconds(nowMs) },
          // On failure the item comes back (still marshalled) and tells "taken" from "gone" without a second read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'consumed';
    } catch (error) {
      if (!isConditionFailure(error)) return translateStorageError(error);
      const current = error.Item;
      if (current && 'consumed' in current) return 'already-consumed';
      return 'not-found';
    }
  }

  /** Consistent read: the engine reads a record right after writing it (a code, then its token). */
  async #readLive(key: RecordKey): Promise<OidcRecordItem | undefined> {
    const { documents, tableName, now } = this.#storage;
    const result = await documents
      .send(new GetCommand({ TableName: tableName, Key: { ...key }, ConsistentRead: true }))
      .catch(translateStorageError);
    const item = result.Item as OidcRecordItem | undefined;
    if (!item || isExpired(item, now())) return undefined;
    if (item.model === SESSION_MODEL) this.#storage.sessionTouches.remember(item.id, item.payload, item.expiresAt);
    return item;
  }

  /**
   * GSIs are eventually consistent: a hit may be stale (the record since destroyed, re-keyed or consumed), so each
   * hit, newest first, is re-read from the table with a consistent GetItem and must still carry the lookup key.
   * The other way round, a record written a moment ago may not be in the index yet; oidc-provider looks sessions
   * and device codes up well after writing them.
   *
   * When this process has written or read a record under the lookup key (the authorization request that saved the
   * session, then the token request that checks it), that record is read first, consistently, and returned if it
   * is live and still carries the key, which skips the index query. Only one live record carries a given uid or
   * user code: oidc-provider destroys a session's old id before saving it under a new one, and user codes are
   * unique. Otherwise the index decides, as above.
   */
  async #findByLookupKey(lookupKey: string): Promise<AdapterPayload | undefined> {
    const { documents, tableName, lookupHints } = this.#storage;
    const hintedId = lookupHints.get(lookupKey);
    if (hintedId !== undefined) {
      const item = await this.#readLive(recordKey(this.model, hintedId));
      if (item?.gsi1pk === lookupKey) return toPayload(item);
      lookupHints.forget(lookupKey);
    }
    const hits = await documents
      .send(
        new QueryCommand({
          TableName: tableName,
          IndexName: LOOKUP_INDEX,
          KeyConditionExpression: '#lookup = :lookup',
          ExpressionAttributeNames: { '#lookup': 'gsi1pk', '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':lookup': lookupKey },
          ProjectionExpression: '#pk, #sk',
          ScanIndexForward: false,
        }),
      )
      .catch(translateStorageError);
    for (const hit of hits.Items ?? []) {
      const item = await this.#readLive({ pk: String(hit.pk), sk: String(hit.sk) });
      if (item?.gsi1pk === lookupKey) {
        lookupHints.remember(lookupKey, item.id);
        return toPayload(item);
      }
    }
    return undefined;
  }
}

/** The constructor oidc-provider's `adapter` option takes: one instance per model name. */
export type DynamoDbOidcAdapterConstructor = new (model: string) => DynamoDbOidcAdapter;

/**
 * Binds the adapter to a table and returns the class to pass as `adapter` in the Provider configuration:
 * `new Provider(issuer, { adapter: createDynamoDbAdapterFactory({ documents, tableName }) })`.
 */
export const createDynamoDbAdapterFactory = (options: DynamoDbOidcStorageOptions): DynamoDbOidcAdapterConstructor => {
  if (!options.documents) throw new TypeError('createDynamoDbAdapterFactory: `documents` is required');
  if (typeof options.tableName !== 'string' || options.tableName === '') {
    throw new TypeError('createDynamoDbAdapterFactory: `tableName` must be a non-empty string');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError('createDynamoDbAdapterFactory: `now` must be a function returning epoch milliseconds');
  }
  const storage: DynamoDbOidcStorage = {
    documents: options.documents,
    tableName: options.tableName,
    now: options.now ?? Date.now,
    lookupHints: new LookupHints(),
    sessionTouches: new SessionTouches(),
  };
  return class BoundDynamoDbOidcAdapter extends DynamoDbOidcAdapter {
    constructor(model: string) {
      super(model, storage);
    }
  };
};
