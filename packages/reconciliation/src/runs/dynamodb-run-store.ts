import {
  BatchWriteCommand,
  type DocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import type { ChannelId } from '@platform/payment-channels';
import type { RecordKey } from '../matching/platform-record.ts';
import type { TotalsBreakdown } from '../matching/totals.ts';
import type { ReconciliationRun, RunDiscrepancy, RunSummary } from './run-record.ts';
import { summaryOf } from './run-record.ts';
import { type DraftRun, RunConflictError, type RunStore } from './run-store.ts';

/**
 * Runs on the payments table:
 *
 * | item                   | pk                                   | sk                    | gsi1pk / gsi1sk                          |
 * | ---------------------- | ------------------------------------ | --------------------- | ---------------------------------------- |
 * | current-run pointer    | `CURRENT_RUN#<channel>#<day>`        | `CURRENT`             | `RECON_MONTH#<yyyy-mm>` / `<day>#<channel>` |
 * | run record             | `RECON_RUN#<runId>`                  | `RUN`                 | –                                        |
 * | run body (totals, deferred keys), in parts | `RECON_RUN#<runId>` | `BODY#<n, 4 digits>` | –                                    |
 * | discrepancy of the run | `RECON_RUN#<runId>`                  | `DISCREPANCY#<id>`    | –                                        |
 *
 * The totals per department and item code and the deferred keys can outgrow one item (400 KB), so they are stored
 * as a JSON text cut into parts of at most 300,000 characters. The pointer carries the run's summary so that a
 * month lists with one Query. Items of replaced or failed runs get `expiresAt` (the table's TTL) 30 days ahead.
 */
const RUN_SK = 'RUN';
const POINTER_SK = 'CURRENT';
const BODY_PREFIX = 'BODY#';
const DISCREPANCY_PREFIX = 'DISCREPANCY#';
const BODY_PART_CHARS = 300_000;
const RETIRED_FOR_SECONDS = 30 * 86_400;
const BATCH = 25;

const runPartition = (runId: string): string => `RECON_RUN#${runId}`;
export const currentRunKey = (channel: string, businessDate: string) => ({
  pk: `CURRENT_RUN#${channel}#${businessDate}`,
  sk: POINTER_SK,
});

interface RunBody {
  readonly totals: TotalsBreakdown;
  readonly deferred: readonly RecordKey[];
}

const storage = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch((error: unknown) => {
    throw translateStorageError(error);
  });

export class DynamoDbRunStore implements RunStore {
  readonly #documents: DocumentClient;
  readonly #tableName: string;
  readonly #now: () => Date;

  constructor(options: {
    readonly documents: DocumentClient;
    readonly tableName: string;
    readonly now?: () => Date;
  }) {
    if (!options.documents) throw new TypeError('DynamoDbRunStore: `documents` is required');
    if (!options.tableName) throw new TypeError('DynamoDbRunStore: `tableName` is required');
    this.#documents = options.documents;
    this.#tableName = options.tableName;
    this.#now = options.now ?? (() => new Date());
  }

  openDraft(runId: string): DraftRun {
    let buffer: Record<string, unknown>[] = [];
    const written: string[] = [];
    const flush = async () => {
      const items = buffer;
      buffer = [];
      for (let at = 0; at < items.length; at += BATCH) {
        await this.#batchWrite(items.slice(at, at + BATCH).map((Item) => ({ PutRequest: { Item } })));
      }
    };
    return {
      add: async (discrepancy) => {
        const sk = `${DISCREPANCY_PREFIX}${discrepancy.discrepancyId}`;
        buffer.push({ pk: runPartition(runId), sk, entity: 'reconciliation-discrepancy', ...discrepancy });
        written.push(sk);
        if (buffer.length >= BATCH * 4) await flush();
      },
      flush,
      discard: async () => {
        buffer = [];
        await this.#expire(runId, written);
      },
    };
  }

  async commit(run: ReconciliationRun, draft: DraftRun): Promise<void> {
    await draft.flush();
    const pk = runPartition(run.runId);
    const body = JSON.stringify({ totals: run.totals, deferred: run.deferred } satisfies RunBody);
    const parts: string[] = [];
    for (let at = 0; at < body.length; at += BODY_PART_CHARS) parts.push(body.slice(at, at + BODY_PART_CHARS));
    for (let at = 0; at < parts.length; at += BATCH) {
      await this.#batchWrite(
        parts.slice(at, at + BATCH).map((text, i) => ({
          PutRequest: { Item: { pk, sk: `${BODY_PREFIX}${String(at + i).padStart(4, '0')}`, text } },
        })),
      );
    }
    const { totals: _totals, deferred: _deferred, ...header } = run;
    const summary = summaryOf(run);
    try {
      await storage(
        this.#documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.#tableName,
                  Item: { pk, sk: RUN_SK, entity: 'reconciliation-run', ...header, bodyParts: parts.length },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: this.#tableName,
                  Item: {
                    ...currentRunKey(run.channel, run.businessDate),
                    entity: 'reconciliation-current-run',
                    gsi1pk: `RECON_MONTH#${run.businessDate.slice(0, 7)}`,
                    gsi1sk: `${run.businessDate}#${run.channel}`,
                    ...summary,
                  },
                  // The pointer moves only from the run this one replaced: of two runs of a day racing, one wins.
                  ...(run.previousRunId === undefined
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: '#runId = :previous',
                        ExpressionAttributeNames: { '#runId': 'runId' },
                        ExpressionAttributeValues: { ':previous': run.previousRunId },
                      }),
                },
              },
            ],
          }),
        ),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException' || /conditional/i.test(`${error}`)) {
        throw new RunConflictError(run.channel, run.businessDate);
      }
      throw error;
    }
  }

  async retire(runId: string): Promise<void> {
    const keys: string[] = [];
    for await (const item of this.#query(runPartition(runId), '', ['sk'])) keys.push(item.sk as string);
    await this.#expire(runId, keys);
  }

  async currentRun(channel: ChannelId, businessDate: string): Promise<ReconciliationRun | undefined> {
    const pointer = await this.#get(currentRunKey(channel, businessDate));
    if (!pointer) return undefined;
    const runId = pointer.runId as string;
    const header = await this.#get({ pk: runPartition(runId), sk: RUN_SK });
    if (!header) throw new Error(`The current run ${runId} of ${channel} ${businessDate} has no run record.`);
    let text = '';
    for await (const part of this.#query(runPartition(runId), BODY_PREFIX, ['text'])) text += part.text as string;
    const body = JSON.parse(text) as RunBody;
    const { pk: _pk, sk: _sk, entity: _entity, bodyParts: _parts, expiresAt: _expires, ...run } = header;
    return { ...(run as unknown as ReconciliationRun), totals: body.totals, deferred: body.deferred };
  }

  async runsOfMonth(month: string): Promise<RunSummary[]> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new RangeError('month must be YYYY-MM.');
    const out: RunSummary[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await storage(
        this.#documents.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': 'gsi1pk' },
            ExpressionAttributeValues: { ':pk': `RECON_MONTH#${month}` },
            ExclusiveStartKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, entity: _e, gsi1pk: _g, gsi1sk: _s, ...summary } = item;
        out.push(summary as unknown as RunSummary);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  }

  async *discrepancies(runId: string): AsyncIterable<RunDiscrepancy> {
    for await (const item of this.#query(runPartition(runId), DISCREPANCY_PREFIX)) yield toDiscrepancy(item);
  }

  async discrepancy(runId: string, discrepancyId: string): Promise<RunDiscrepancy | undefined> {
    const item = await this.#get({ pk: runPartition(runId), sk: `${DISCREPANCY_PREFIX}${discrepancyId}` });
    return item ? toDiscrepancy(item) : undefined;
  }

  async #get(Key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    const { Item } = await storage(
      this.#documents.send(new GetCommand({ TableName: this.#tableName, Key, ConsistentRead: true })),
    );
    return Item;
  }

  async *#query(pk: string, skPrefix: string, attributes?: string[]): AsyncGenerator<Record<string, unknown>> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await storage(
        this.#documents.send(
          new QueryCommand({
            TableName: this.#tableName,
            KeyConditionExpression: skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
            ExpressionAttributeNames: {
              '#pk': 'pk',
              ...(skPrefix ? { '#sk': 'sk' } : {}),
              ...Object.fromEntries((attributes ?? []).map((name, i) => [`#a${i}`, name])),
            },
            ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
            ...(attributes ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', ') } : {}),
            ConsistentRead: true,
            Limit: 500,
            ExclusiveStartKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) yield item;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  /** Marks items to expire (TTL); the run record keeps saying which statement was reconciled until then. */
  async #expire(runId: string, sortKeys: readonly string[]): Promise<void> {
    const expiresAt = Math.floor(this.#now().getTime() / 1000) + RETIRED_FOR_SECONDS;
    const pk = runPartition(runId);
    const expireOne = (sk: string) =>
      storage(
        this.#documents.send(
          new UpdateCommand({
            TableName: this.#tableName,
            Key: { pk, sk },
            UpdateExpression: 'SET #expiresAt = :expiresAt',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':expiresAt': expiresAt },
          }),
        ),
      ).catch((error: unknown) => {
        // Gone already (expired, or never written because the batch failed): nothing to tidy.
        if (!/conditional/i.test(`${(error as Error).name} ${(error as { code?: string }).code ?? ''} ${error}`)) {
          throw error;
        }
      });
    // Sixteen at a time: tidying must not starve the run that replaced this one.
    for (let at = 0; at < sortKeys.length; at += 16) await Promise.all(sortKeys.slice(at, at + 16).map(expireOne));
  }

  async #batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('DynamoDB kept items unprocessed: the run was not recorded.');
      const answer = await storage(
        this.#documents.send(new BatchWriteCommand({ RequestItems: { [this.#tableName]: pending as never } })),
      );
      pending = (answer.UnprocessedItems?.[this.#tableName] as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

const toDiscrepancy = (item: Record<string, unknown>): RunDiscrepancy => {
  const { pk: _pk, sk: _sk, entity: _entity, expiresAt: _expires, ...rest } = item;
  return rest as unknown as RunDiscrepancy;
};
