import {
  BatchGetCommand,
  type DocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  translateStorageError,
} from '@platform/dynamodb';
import {
  ALLOWED_PRIOR_STATES,
  type AuditEntry,
  type DiscrepancyState,
  DiscrepancyWorkflowError,
} from './discrepancy-workflow.ts';

/**
 * The workflow of discrepancies on the payments table, apart from the runs (a re-run replaces run items, never
 * these):
 *
 * | item              | pk                          | sk                    |
 * | ----------------- | --------------------------- | --------------------- |
 * | state             | `DISCREPANCY#<id>`          | `STATE`               |
 * | audit entry n     | `DISCREPANCY#<id>`          | `AUDIT#<n, 6 digits>` |
 *
 * A state item exists from the first action on (before it, the discrepancy is `open`, version 0). Each action is one
 * transaction: the state put conditional on the status being one the action allows AND on the version read (or on
 * the item being absent for version 0), and the audit entry put only if its number is free. Of two officers acting
 * at once, one commits; the other re-reads and is decided again (usually refused: already resolved).
 */
export interface WorkflowStore {
  get(discrepancyId: string): Promise<DiscrepancyState | undefined>;
  getMany(discrepancyIds: readonly string[]): Promise<ReadonlyMap<string, DiscrepancyState>>;
  /** Writes the action; `false` when the state moved meanwhile (re-read and decide again). */
  apply(
    prior: DiscrepancyState,
    next: DiscrepancyState,
    entry: AuditEntry,
    context: Record<string, string>,
  ): Promise<boolean>;
  audit(discrepancyId: string): Promise<AuditEntry[]>;
}

const partition = (id: string) => `DISCREPANCY#${id}`;
const STATE_SK = 'STATE';
const AUDIT_PREFIX = 'AUDIT#';

const storage = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch((error: unknown) => {
    throw translateStorageError(error);
  });

const toState = (item: Record<string, unknown>): DiscrepancyState => {
  const { pk: _pk, sk: _sk, entity: _entity, channel: _c, businessDate: _d, ...state } = item;
  return state as unknown as DiscrepancyState;
};

export class DynamoDbWorkflowStore implements WorkflowStore {
  readonly #documents: DocumentClient;
  readonly #tableName: string;

  constructor(options: { readonly documents: DocumentClient; readonly tableName: string }) {
    if (!options.documents || !options.tableName) {
      throw new TypeError('DynamoDbWorkflowStore: `documents` and `tableName` are required');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  async get(discrepancyId: string): Promise<DiscrepancyState | undefined> {
    const { Item } = await storage(
      this.#documents.send(
        new GetCommand({
          TableName: this.#tableName,
          Key: { pk: partition(discrepancyId), sk: STATE_SK },
          ConsistentRead: true,
        }),
      ),
    );
    return Item ? toState(Item) : undefined;
  }

  async getMany(discrepancyIds: readonly string[]): Promise<ReadonlyMap<string, DiscrepancyState>> {
    const out = new Map<string, DiscrepancyState>();
    for (let at = 0; at < discrepancyIds.length; at += 100) {
      let keys: Record<string, unknown>[] | undefined = discrepancyIds
        .slice(at, at + 100)
        .map((id) => ({ pk: partition(id), sk: STATE_SK }));
      for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
        if (attempt > 8) throw new DiscrepancyWorkflowError('discrepancy_contended', 'DynamoDB kept keys unprocessed.');
        const answer = await storage(
          this.#documents.send(
            new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: keys, ConsistentRead: true } } }),
          ),
        );
        for (const item of answer.Responses?.[this.#tableName] ?? []) {
          const state = toState(item);
          out.set(state.discrepancyId, state);
        }
        keys = answer.UnprocessedKeys?.[this.#tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return out;
  }

  async apply(
    prior: DiscrepancyState,
    next: DiscrepancyState,
    entry: AuditEntry,
    context: Record<string, string>,
  ): Promise<boolean> {
    const pk = partition(prior.discrepancyId);
    const allowed = ALLOWED_PRIOR_STATES[entry.action];
    const condition =
      prior.version === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: `#status IN (${allowed.map((_, i) => `:prior${i}`).join(', ')}) AND #version = :version`,
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ...Object.fromEntries(allowed.map((status, i) => [`:prior${i}`, status])),
              ':version': prior.version,
            },
          };
    try {
      await storage(
        this.#documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.#tableName,
                  Item: { pk, sk: STATE_SK, entity: 'reconciliation-discrepancy-state', ...context, ...next },
                  ...condition,
                },
              },
              {
                Put: {
                  TableName: this.#tableName,
                  Item: {
                    pk,
                    sk: `${AUDIT_PREFIX}${String(entry.sequence).padStart(6, '0')}`,
                    entity: 'reconciliation-discrepancy-audit',
                    ...entry,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        ),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async audit(discrepancyId: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await storage(
        this.#documents.send(
          new QueryCommand({
            TableName: this.#tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
            ExpressionAttributeValues: { ':pk': partition(discrepancyId), ':prefix': AUDIT_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, entity: _entity, ...entry } = item;
        entries.push(entry as unknown as AuditEntry);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return entries;
  }
}
