import { DeleteCommand, type DocumentClient, GetCommand, PutCommand, translateStorageError } from '@platform/dynamodb';
import { numberAt, stringAt, type WireItem } from '../wire-item.ts';
import { IdempotencyPersistence, type IdempotencyPersistenceOptions } from './idempotency-persistence.ts';
import type { IdempotencyRecord, IdempotencyScope } from './idempotency-record.ts';

export interface DynamoDbIdempotencyPersistenceOptions extends IdempotencyPersistenceOptions {
  readonly documents: DocumentClient;
  /** Physical name of the payments table (`PAYMENTS_TABLE`); its TTL attribute `expiresAt` removes old keys. */
  readonly tableName: string;
}

/** `IDEMPOTENCY#<departmentId>#<key>`: department ids contain no `#`, so the first `#` after it ends it. */
export const idempotencyItemKey = ({ departmentId, key }: IdempotencyScope) => ({
  pk: `IDEMPOTENCY#${departmentId}#${key}`,
  sk: 'IDEMPOTENCY',
});

const isConditionFailure = (error: unknown): error is Error & { Item?: WireItem } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The response is kept as a JSON string: any body round-trips exactly, whatever DynamoDB makes of maps. */
const toItem = (record: IdempotencyRecord) => {
  const { departmentId, key, response, ...rest } = record;
  return {
    ...idempotencyItemKey(record),
    entity: 'idempotency',
    departmentId,
    idempotencyKey: key,
    ...rest,
    ...(response ? { response: JSON.stringify(response) } : {}),
  };
};

const fromWireItem = (item: WireItem, scope: IdempotencyScope): IdempotencyRecord => {
  const response = stringAt(item, 'response');
  const leaseExpiresAtMs = numberAt(item, 'leaseExpiresAtMs');
  return {
    ...scope,
    requestHash: stringAt(item, 'requestHash') ?? '',
    status: stringAt(item, 'status') === 'completed' ? 'completed' : 'in_progress',
    expiresAt: numberAt(item, 'expiresAt') ?? 0,
    ...(leaseExpiresAtMs === undefined ? {} : { leaseExpiresAtMs }),
    ...(response === undefined ? {} : { response: JSON.parse(response) }),
  };
};

/** Idempotency records on the payments table: only the writes, each one conditional. The rules are the base's. */
export class DynamoDbIdempotencyPersistence extends IdempotencyPersistence {
  readonly #documents: DocumentClient;
  readonly #tableName: string;

  constructor(options: DynamoDbIdempotencyPersistenceOptions) {
    super(options);
    if (!options.documents) throw new TypeError('DynamoDbIdempotencyPersistence: `documents` is required');
    if (typeof options.tableName !== 'string' || options.tableName === '') {
      throw new TypeError('DynamoDbIdempotencyPersistence: `tableName` must be a non-empty string');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  protected override async claimKey(record: IdempotencyRecord, nowMs: number): Promise<IdempotencyRecord | undefined> {
    try {
      // PutItem evaluates the condition and writes atomically on the one item: of concurrent first uses of a key,
      // exactly one finds it free and writes its claim; every other sees that claim and fails. A key whose record
      // has expired, or whose holder's lease has lapsed (a crashed request), counts as free, since TTL deletes late.
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(record),
          ConditionExpression:
            'attribute_not_exists(pk) OR #expiresAt <= :nowSeconds OR (#status = :inProgress AND #lease <= :nowMs)',
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt', '#status': 'status', '#lease': 'leaseExpiresAtMs' },
          ExpressionAttributeValues: {
            ':nowSeconds': Math.floor(nowMs / 1000),
            ':nowMs': nowMs,
            ':inProgress': 'in_progress',
          },
          // The holder comes back with the failure: no second read, and no window for it to change in between.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) return translateStorageError(error);
      if (error.Item) return fromWireItem(error.Item, record);
      // Should the holder have vanished in between (TTL), the key is free again: claim it afresh.
      return (await this.#readHolder(record)) ?? this.claimKey(record, nowMs);
    }
  }

  protected override async saveResponse(record: IdempotencyRecord, lockToken: string): Promise<boolean> {
    try {
      // Only the lease holder may write the answer: if the lease lapsed and another request claimed the key, the
      // token differs and this write fails, so a stale request can not overwrite the answer the key now gives.
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(record),
          ConditionExpression: '#status = :inProgress AND #lockToken = :lockToken',
          ExpressionAttributeNames: { '#status': 'status', '#lockToken': 'lockToken' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress', ':lockToken': lockToken },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  protected override async deleteClaim(scope: IdempotencyScope, lockToken: string): Promise<void> {
    try {
      // Same guard as saveResponse: a request may give back only the claim it holds, never a successor's.
      await this.#documents.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: idempotencyItemKey(scope),
          ConditionExpression: '#status = :inProgress AND #lockToken = :lockToken',
          ExpressionAttributeNames: { '#status': 'status', '#lockToken': 'lockToken' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress', ':lockToken': lockToken },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
    }
  }

  /** Fallback should a condition failure ever come without the item: read the holder, consistently. */
  async #readHolder(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const result = await this.#documents
      .send(new GetCommand({ TableName: this.#tableName, Key: idempotencyItemKey(scope), ConsistentRead: true }))
      .catch(translateStorageError);
    const item = result.Item;
    if (!item) return undefined;
    return {
      ...scope,
      requestHash: String(item.requestHash),
      status: item.status === 'completed' ? 'completed' : 'in_progress',
      expiresAt: Number(item.expiresAt),
      ...(typeof item.leaseExpiresAtMs === 'number' ? { leaseExpiresAtMs: item.leaseExpiresAtMs } : {}),
      ...(typeof item.response === 'string' ? { response: JSON.parse(item.response) } : {}),
    };
  }
}
