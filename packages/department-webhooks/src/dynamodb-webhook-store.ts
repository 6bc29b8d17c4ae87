import {
  DeleteCommand,
  type DocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import { type DeliveryStatus, isDeliveryId, KEPT_ATTEMPTS, type WebhookDelivery } from './webhook-delivery.ts';
import { MAXIMUM_ENDPOINTS_PER_DEPARTMENT, type WebhookEndpoint } from './webhook-endpoint.ts';
import { WebhookError } from './webhook-errors.ts';
import type {
  AttemptRecord,
  DeliveryPage,
  ListDeliveriesOptions,
  ReplayResult,
  WebhookStore,
} from './webhook-store.ts';

export interface DynamoDbWebhookStoreOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
}

const DELIVERY_SK = 'WEBHOOK_DELIVERY';
const endpointsPk = (departmentId: string) => `WEBHOOK_ENDPOINTS#${departmentId}`;
const endpointSk = (endpointId: string) => `ENDPOINT#${endpointId}`;
const deliveryPk = (deliveryId: string) => `WEBHOOK_DELIVERY#${deliveryId}`;
/** gsi1: a department's deliveries in one status; gsi2: all of them. Both newest first by `createdAt#id`. */
const byStatus = (departmentId: string, status: DeliveryStatus) => `WEBHOOK_DELIVERIES#${departmentId}#${status}`;
const byDepartment = (departmentId: string) => `WEBHOOK_DELIVERIES#${departmentId}`;

const DEFAULT_PAGE_SIZE = 20;

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException');

const toEndpoint = (item: Record<string, unknown>): WebhookEndpoint => ({
  endpointId: item.endpointId as string,
  departmentId: item.departmentId as string,
  url: item.url as string,
  eventTypes: item.eventTypes as WebhookEndpoint['eventTypes'],
  secrets: item.secrets as string[],
  description: (item.description as string | undefined) ?? '',
  createdAt: item.createdAt as string,
});

const toDelivery = (item: Record<string, unknown>): WebhookDelivery => {
  const { pk: _pk, sk: _sk, gsi1pk: _1, gsi1sk: _2, gsi2pk: _3, gsi2sk: _4, entity: _e, ...rest } = item;
  return rest as unknown as WebhookDelivery;
};

const invalidCursor = () =>
  new WebhookError('invalid_cursor', 'The cursor is not one this listing returned.', 'cursor');

/**
 * Endpoints live in one partition per department (read strongly consistently by the consumer, which must see an
 * endpoint registered a moment ago); deliveries one item each, listed through the generic indexes.
 */
export class DynamoDbWebhookStore implements WebhookStore {
  readonly #documents: DocumentClient;
  readonly #table: string;

  constructor(options: DynamoDbWebhookStoreOptions) {
    this.#documents = options.documents;
    this.#table = options.tableName;
  }

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    // The limit is checked by a read before the write: two concurrent registrations may pass it by one, which is
    // harmless (it bounds the fan-out, not money) and spares a counter item.
    const existing = await this.listEndpoints(endpoint.departmentId);
    if (existing.length >= MAXIMUM_ENDPOINTS_PER_DEPARTMENT) {
      throw new WebhookError(
        'webhook_endpoint_limit_reached',
        `A department may register at most ${MAXIMUM_ENDPOINTS_PER_DEPARTMENT} webhook endpoints; delete one first.`,
      );
    }
    await this.#documents
      .send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            pk: endpointsPk(endpoint.departmentId),
            sk: endpointSk(endpoint.endpointId),
            entity: 'webhook-endpoint',
            ...endpoint,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch(translateStorageError);
  }

  async listEndpoints(departmentId: string): Promise<WebhookEndpoint[]> {
    const result = await this.#documents
      .send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :endpoint)',
          ExpressionAttributeValues: { ':pk': endpointsPk(departmentId), ':endpoint': 'ENDPOINT#' },
          ConsistentRead: true,
        }),
      )
      .catch(translateStorageError);
    return (result.Items ?? []).map(toEndpoint).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async deleteEndpoint(departmentId: string, endpointId: string): Promise<void> {
    try {
      await this.#documents.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { pk: endpointsPk(departmentId), sk: endpointSk(endpointId) },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new WebhookError('webhook_endpoint_not_found', 'No such webhook endpoint.');
      }
      translateStorageError(error);
    }
  }

  async createDelivery(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            pk: deliveryPk(delivery.deliveryId),
            sk: DELIVERY_SK,
            entity: 'webhook-delivery',
            ...this.#indexKeys(delivery),
            ...delivery,
          },
          // Deterministic ids: a redelivered event finds the delivery it made before, whatever became of it.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return delivery;
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
      const existing = await this.getDelivery(delivery.deliveryId);
      if (!existing) throw error;
      return existing;
    }
  }

  async getDelivery(deliveryId: string): Promise<WebhookDelivery | undefined> {
    if (!isDeliveryId(deliveryId)) return undefined;
    const result = await this.#documents
      .send(
        new GetCommand({
          TableName: this.#table,
          Key: { pk: deliveryPk(deliveryId), sk: DELIVERY_SK },
          ConsistentRead: true,
        }),
      )
      .catch(translateStorageError);
    return result.Item ? toDelivery(result.Item) : undefined;
  }

  async recordAttempt(delivery: WebhookDelivery, record: AttemptRecord): Promise<boolean> {
    const attempts = [...delivery.attempts, record.attempt].slice(-KEPT_ATTEMPTS);
    const now = record.attempt.at;
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: deliveryPk(delivery.deliveryId), sk: DELIVERY_SK },
          // The attempt count is the version: of two consumers holding duplicate messages only the first records.
          ConditionExpression: '#status = :pending AND attemptCount = :expected',
          UpdateExpression: `SET #status = :status, attemptCount = :count, attempts = :attempts, updatedAt = :now, gsi1pk = :gsi1pk${
            record.nextAttemptAt ? ', nextAttemptAt = :next' : ''
          }${record.nextAttemptAt ? '' : ' REMOVE nextAttemptAt'}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':expected': delivery.attemptCount,
            ':status': record.status,
            ':count': delivery.attemptCount + 1,
            ':attempts': attempts,
            ':now': now,
            ':gsi1pk': byStatus(delivery.departmentId, record.status),
            ...(record.nextAttemptAt ? { ':next': record.nextAttemptAt } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  async reopenForReplay(deliveryId: string, departmentId: string, now: Date): Promise<ReplayResult> {
    for (;;) {
      const delivery = await this.getDelivery(deliveryId);
      if (!delivery || delivery.departmentId !== departmentId) {
        throw new WebhookError('webhook_delivery_not_found', 'No such webhook delivery.');
      }
      if (delivery.status === 'pending') return { outcome: 'already_pending', delivery };
      if (delivery.status === 'succeeded') {
        throw new WebhookError('webhook_delivery_not_failed', 'The delivery succeeded; only failed ones are replayed.');
      }
      const reopened: WebhookDelivery = {
        ...delivery,
        status: 'pending',
        runStartAttempt: delivery.attemptCount,
        replays: delivery.replays + 1,
        nextAttemptAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      try {
        await this.#documents.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { pk: deliveryPk(deliveryId), sk: DELIVERY_SK },
            ConditionExpression: '#status = :failed AND replays = :replays',
            UpdateExpression:
              'SET #status = :pending, runStartAttempt = :start, replays = :next, nextAttemptAt = :now, updatedAt = :now, gsi1pk = :gsi1pk',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':failed': 'failed',
              ':pending': 'pending',
              ':replays': delivery.replays,
              ':next': reopened.replays,
              ':start': reopened.runStartAttempt,
              ':now': now.toISOString(),
              ':gsi1pk': byStatus(departmentId, 'pending'),
            },
          }),
        );
        return { outcome: 'reopened', delivery: reopened };
      } catch (error) {
        // A concurrent replay won: read again and answer what it made.
        if (!isConditionFailure(error)) translateStorageError(error);
      }
    }
  }

  async revertReplay(delivery: WebhookDelivery): Promise<void> {
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: deliveryPk(delivery.deliveryId), sk: DELIVERY_SK },
          ConditionExpression: '#status = :pending AND replays = :replays AND attemptCount = :count',
          UpdateExpression: 'SET #status = :failed, gsi1pk = :gsi1pk REMOVE nextAttemptAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':failed': 'failed',
            ':replays': delivery.replays,
            ':count': delivery.attemptCount,
            ':gsi1pk': byStatus(delivery.departmentId, 'failed'),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
    }
  }

  async listDeliveries(departmentId: string, options: ListDeliveriesOptions = {}): Promise<DeliveryPage> {
    const [indexName, partition] = options.status
      ? ['gsi1', byStatus(departmentId, options.status)]
      : ['gsi2', byDepartment(departmentId)];
    const result = await this.#documents
      .send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: indexName,
          KeyConditionExpression: `${indexName}pk = :partition`,
          ExpressionAttributeValues: { ':partition': partition },
          ScanIndexForward: false,
          Limit: options.limit ?? DEFAULT_PAGE_SIZE,
          ...(options.cursor ? { ExclusiveStartKey: decodeDeliveryCursor(options.cursor, indexName, partition) } : {}),
        }),
      )
      .catch(translateStorageError);
    return {
      deliveries: (result.Items ?? []).map(toDelivery),
      ...(result.LastEvaluatedKey ? { nextCursor: encodeDeliveryCursor(result.LastEvaluatedKey) } : {}),
    };
  }

  #indexKeys(delivery: WebhookDelivery) {
    const sortKey = `${delivery.createdAt}#${delivery.deliveryId}`;
    return {
      gsi1pk: byStatus(delivery.departmentId, delivery.status),
      gsi1sk: sortKey,
      gsi2pk: byDepartment(delivery.departmentId),
      gsi2sk: sortKey,
    };
  }
}

const encodeDeliveryCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** Client input: refused unless it is a key of this very listing (another department's would open their partition). */
const decodeDeliveryCursor = (cursor: string, indexName: string, partition: string): Record<string, string> => {
  if (cursor.length > 1_024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor();
  const fields = key as Record<string, unknown>;
  const names = ['pk', 'sk', `${indexName}pk`, `${indexName}sk`];
  const entries = Object.entries(fields);
  if (entries.length !== names.length || !entries.every(([n, v]) => names.includes(n) && typeof v === 'string')) {
    throw invalidCursor();
  }
  const deliveryId = String(fields.pk).slice('WEBHOOK_DELIVERY#'.length);
  if (
    fields[`${indexName}pk`] !== partition ||
    fields.sk !== DELIVERY_SK ||
    !isDeliveryId(deliveryId) ||
    !String(fields[`${indexName}sk`]).endsWith(`#${deliveryId}`)
  ) {
    throw invalidCursor();
  }
  return fields as Record<string, string>;
};
