import {
  createDocumentClient,
  type DocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  requiredEnv,
  TransactWriteCommand,
  translateStorageError,
} from '@platform/dynamodb';
import { toClientMetadata } from './client-metadata.ts';
import { generateClientSecret } from './client-secret.ts';
import { decodeListCursor, encodeListCursor } from './list-cursor.ts';
import type { ClientKind, PortalChange, RegisteredPortal } from './portal.ts';
import {
  CHANGE_SORT_KEY_PREFIX,
  fromChangeItem,
  fromPortalItem,
  listSortKeyPrefix,
  PORTAL_LIST_INDEX,
  PORTAL_LIST_PARTITION,
  portalKey,
  type StoredPortal,
  toChangeItem,
  toPortalItem,
} from './portal-item.ts';
import { applyPatch, checkUpdateAllowed, describeChanges } from './portal-patch.ts';
import { RegistrationError } from './registration-error.ts';
import { CLIENT_ID_PATTERN, validateRegistration } from './validate-registration.ts';

/** What the identity provider needs from the registry: the metadata of an active client, or nothing. */
export interface ClientMetadataSource {
  findClientMetadata(clientId: string): Promise<Record<string, unknown> | undefined>;
}

export interface PortalRegistryOptions {
  readonly documents: DocumentClient;
  /** The identity table. */
  readonly tableName: string;
  readonly now?: () => Date;
  readonly generateSecret?: () => string;
}

/** Who makes a change (recorded in the change log) and, optionally, the version it was decided on. */
export interface ChangeContext {
  readonly by: string;
  /** Refuse the change with `version_conflict` unless the client is still at this version. */
  readonly expectedVersion?: number;
}

export interface RegistrationResult {
  readonly portal: RegisteredPortal;
  /** A newly issued client secret: returned this once, never readable again. */
  readonly clientSecret?: string;
}

export interface UpdateResult extends RegistrationResult {
  /** What changed, field by field, as the change log records it. */
  readonly changes: PortalChange['changes'];
}

export interface ListOptions {
  readonly kind?: ClientKind;
  /** Page size, 1 to 100 (default 50). */
  readonly limit?: number;
  /** From the previous page's `cursor`. */
  readonly cursor?: string;
}

export interface PortalPage {
  readonly items: RegisteredPortal[];
  /** Present when more may follow. */
  readonly cursor?: string;
}

interface CancellationReason {
  readonly Code?: string;
  readonly Item?: unknown;
}

const SECRET_PLACEHOLDER = '[secret, not recorded]';

const checkOperator = (by: string): string => {
  if (typeof by !== 'string' || by.trim().length === 0 || by.length > 100)
    throw new RegistrationError('invalid_value', 'say who makes the change (1 to 100 characters)', 'by');
  return by.trim();
};

/**
 * The registry of portals and departments (the provider's OIDC clients) in the identity table.
 *
 * Every change writes the client and one change-log item in a single transaction: either both are stored or
 * neither is. Changes to an existing client are conditional on the version read, so two operators editing the same
 * client at once can not silently overwrite each other: the second one gets `version_conflict`.
 */
export class PortalRegistry implements ClientMetadataSource {
  readonly #documents: DocumentClient;
  readonly #tableName: string;
  readonly #now: () => Date;
  readonly #generateSecret: () => string;

  constructor(options: PortalRegistryOptions) {
    this.#documents = options.documents;
    this.#tableName = options.tableName;
    this.#now = options.now ?? (() => new Date());
    this.#generateSecret = options.generateSecret ?? generateClientSecret;
  }

  /** Registers a new client. With `client_secret_basic`, the secret is generated here and returned this once. */
  async register(input: unknown, context: ChangeContext): Promise<RegistrationResult> {
    const by = checkOperator(context.by);
    const registration = await validateRegistration(input);
    const at = this.#now().toISOString();
    const clientSecret =
      registration.tokenEndpointAuthMethod === 'client_secret_basic' ? this.#generateSecret() : undefined;
    const portal: RegisteredPortal = {
      registration,
      status: 'active',
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: by,
      updatedBy: by,
      ...(clientSecret ? { clientSecretIssuedAt: at } : {}),
    };
    const changes = describeChanges({}, registration as unknown as Record<string, unknown>);
    await this.#write(
      { portal, ...(clientSecret ? { clientSecret } : {}) },
      {
        clientId: registration.clientId,
        action: 'register',
        version: 1,
        at,
        by,
        changes: withSecret(changes, clientSecret),
      },
      undefined,
    );
    return clientSecret ? { portal, clientSecret } : { portal };
  }

  /** The client as the registry holds it, without its secret; `undefined` when there is none by that id. */
  async get(clientId: string): Promise<RegisteredPortal | undefined> {
    return (await this.#read(clientId))?.portal;
  }

  /** One page of clients, ordered by kind then client id. */
  async list(options: ListOptions = {}): Promise<PortalPage> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new RegistrationError('invalid_value', 'must be an integer from 1 to 100', 'limit');
    const input: QueryCommandInput = {
      TableName: this.#tableName,
      IndexName: PORTAL_LIST_INDEX,
      ...(options.kind
        ? {
            KeyConditionExpression: 'gsi1pk = :partition AND begins_with(gsi1sk, :prefix)',
            ExpressionAttributeValues: {
              ':partition': PORTAL_LIST_PARTITION,
              ':prefix': listSortKeyPrefix(options.kind),
            },
          }
        : {
            KeyConditionExpression: 'gsi1pk = :partition',
            ExpressionAttributeValues: { ':partition': PORTAL_LIST_PARTITION },
          }),
      Limit: limit,
      ...(options.cursor ? { ExclusiveStartKey: decodeListCursor(options.cursor) } : {}),
    };
    const page = await this.#documents.send(new QueryCommand(input)).catch(translateStorageError);
    return {
      items: (page.Items ?? []).map((item) => fromPortalItem(item).portal),
      ...(page.LastEvaluatedKey ? { cursor: encodeListCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /**
   * Applies a patch (a field replaces, `null` removes) and re-validates the whole result. Switching to
   * `client_secret_basic` issues a secret (returned this once); switching away deletes it.
   */
  async update(clientId: string, patch: unknown, context: ChangeContext): Promise<UpdateResult> {
    const by = checkOperator(context.by);
    const stored = await this.#readForChange(clientId, context.expectedVersion);
    const current = stored.portal.registration;
    const patched = applyPatch(current, patch);
    checkUpdateAllowed(current, patched);
    const registration = await validateRegistration(patched);
    const changes = describeChanges(
      current as unknown as Record<string, unknown>,
      registration as unknown as Record<string, unknown>,
    );
    if (Object.keys(changes).length === 0) throw new RegistrationError('invalid_input', 'the update changes nothing');

    const at = this.#now().toISOString();
    const basic = registration.tokenEndpointAuthMethod === 'client_secret_basic';
    const issued = basic && !stored.clientSecret ? this.#generateSecret() : undefined;
    const clientSecret = basic ? (issued ?? stored.clientSecret) : undefined;
    const { clientSecretIssuedAt: previousIssue, ...rest } = stored.portal;
    const portal: RegisteredPortal = {
      ...rest,
      registration,
      version: stored.portal.version + 1,
      updatedAt: at,
      updatedBy: by,
      ...(basic ? { clientSecretIssuedAt: issued ? at : (previousIssue as string) } : {}),
    };
    const removed =
      stored.clientSecret && !basic ? { ...changes, clientSecret: { from: SECRET_PLACEHOLDER } } : changes;
    const logged = withSecret(removed, issued);
    await this.#write(
      { portal, ...(clientSecret ? { clientSecret } : {}) },
      { clientId, action: 'update', version: portal.version, at, by, changes: logged },
      stored.portal.version,
    );
    return issued ? { portal, clientSecret: issued, changes: logged } : { portal, changes: logged };
  }

  /** Stops the client from signing anyone in or getting tokens: the provider no longer finds it. */
  disable(clientId: string, context: ChangeContext): Promise<RegisteredPortal> {
    return this.#setStatus(clientId, 'disabled', context);
  }

  enable(clientId: string, context: ChangeContext): Promise<RegisteredPortal> {
    return this.#setStatus(clientId, 'active', context);
  }

  /** The client's change log, oldest first. */
  async history(clientId: string): Promise<PortalChange[]> {
    const changes: PortalChange[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents
        .send(
          new QueryCommand({
            TableName: this.#tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': portalKey(clientId).pk, ':prefix': CHANGE_SORT_KEY_PREFIX },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )
        .catch(translateStorageError);
      changes.push(...(page.Items ?? []).map(fromChangeItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return changes;
  }

  /**
   * The provider-facing read (oidc-provider's `Client` adapter `find`): snake_case client metadata including the
   * client secret, or `undefined` for an unknown or disabled client so that the provider answers `invalid_client`.
   */
  async findClientMetadata(clientId: string): Promise<Record<string, unknown> | undefined> {
    // Any string reaches here from a request; one that can not be a client id costs no read.
    if (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId)) return undefined;
    const stored = await this.#read(clientId);
    if (stored?.portal.status !== 'active') return undefined;
    return toClientMetadata(stored.portal.registration, stored.clientSecret);
  }

  async #setStatus(clientId: string, status: RegisteredPortal['status'], context: ChangeContext) {
    const by = checkOperator(context.by);
    const stored = await this.#readForChange(clientId, context.expectedVersion);
    if (stored.portal.status === status)
      throw new RegistrationError('status_unchanged', `${clientId} is already ${status}`);
    const at = this.#now().toISOString();
    const portal: RegisteredPortal = {
      ...stored.portal,
      status,
      version: stored.portal.version + 1,
      updatedAt: at,
      updatedBy: by,
    };
    await this.#write(
      { ...stored, portal },
      {
        clientId,
        action: status === 'active' ? 'enable' : 'disable',
        version: portal.version,
        at,
        by,
        changes: { status: { from: stored.portal.status, to: status } },
      },
      stored.portal.version,
    );
    return portal;
  }

  async #read(clientId: string): Promise<StoredPortal | undefined> {
    if (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId)) return undefined;
    const { Item } = await this.#documents
      .send(new GetCommand({ TableName: this.#tableName, Key: portalKey(clientId), ConsistentRead: true }))
      .catch(translateStorageError);
    return Item ? fromPortalItem(Item) : undefined;
  }

  async #readForChange(clientId: string, expectedVersion: number | undefined): Promise<StoredPortal> {
    const stored = await this.#read(clientId);
    if (!stored) throw new RegistrationError('not_found', `no portal or department "${clientId}"`, 'clientId');
    if (expectedVersion !== undefined && expectedVersion !== stored.portal.version)
      throw versionConflict(clientId, expectedVersion, stored.portal.version);
    return stored;
  }

  /**
   * Writes the client and its change-log entry in one transaction. A new client (`readVersion` undefined) must not
   * exist yet; an existing one must still be at the version this change was computed from. Either condition
   * failing cancels both writes, and the cancellation says which of our rules was broken.
   */
  async #write(stored: StoredPortal, change: PortalChange, readVersion: number | undefined): Promise<void> {
    const clientPut = {
      TableName: this.#tableName,
      Item: toPortalItem(stored),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      ...(readVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :readVersion',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':readVersion': readVersion },
          }),
    };
    const changePut = {
      TableName: this.#tableName,
      Item: toChangeItem(change),
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    try {
      await this.#documents.send(new TransactWriteCommand({ TransactItems: [{ Put: clientPut }, { Put: changePut }] }));
    } catch (error) {
      const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
      if ((error as Error).name !== 'TransactionCanceledException' || !reasons) return translateStorageError(error);
      const clientId = change.clientId;
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        if (readVersion === undefined)
          throw new RegistrationError('duplicate_client', `"${clientId}" is already registered`, 'clientId');
        if (!reasons[0].Item)
          throw new RegistrationError('not_found', `no portal or department "${clientId}"`, 'clientId');
        throw versionConflict(clientId, readVersion);
      }
      // Another transaction on the same client at the same moment: as good as a lost race.
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict'))
        throw versionConflict(clientId, readVersion ?? 0);
      return translateStorageError(error);
    }
  }
}

const versionConflict = (clientId: string, expected: number, actual?: number): RegistrationError =>
  new RegistrationError(
    'version_conflict',
    `${clientId} changed since version ${expected}${actual ? ` (now version ${actual})` : ''}; read it again and retry`,
  );

/** Records that a secret was issued without recording the secret. */
const withSecret = (changes: PortalChange['changes'], issued: string | undefined): PortalChange['changes'] =>
  issued ? { ...changes, clientSecret: { to: SECRET_PLACEHOLDER } } : changes;

/** The registry of a deployed or local stage, from the function's environment (`IDENTITY_TABLE`). */
export const createPortalRegistry = (env: NodeJS.ProcessEnv = process.env): PortalRegistry =>
  new PortalRegistry({ documents: createDocumentClient(env), tableName: requiredEnv('IDENTITY_TABLE', env) });
