import { randomUUID } from 'node:crypto';
import {
  businessDateOf,
  businessDayBounds,
  type ChannelId,
  type ChannelStatement,
  type PaymentChannel,
} from '@platform/payment-channels';
import type { StatementArchive, StoredStatement } from '../archive/statement-archive.ts';
import { StatementTamperedError } from '../archive/statement-archive.ts';
import type { PlatformRecord } from '../matching/platform-record.ts';
import { reconcile } from '../matching/reconcile.ts';
import { FORMAT_OF_CHANNEL, parseStatement } from '../statement/parse-statement.ts';
import { digestingBody } from '../statement/statement-digest.ts';
import type { StatementLine } from '../statement/statement-line.ts';
import { DiscrepancyIds } from './discrepancy-id.ts';
import type { ReconciliationRun } from './run-record.ts';
import type { RunStore } from './run-store.ts';

/**
 * Reconciles one (channel, business day) and records the run: the one path both the CLI and the scheduled function
 * take, so both write the same records.
 *
 * 1. The statement is stored unchanged first (downloaded through the channel adapter, or a file uploaded by hand),
 *    or the one already stored is reused; the run then reads the stored bytes, hashing them, and refuses them if they
 *    no longer hash to what was stored (`StatementTamperedError`).
 * 2. The platform's settled records of the day and its window stream into the engine; the statement streams through.
 * 3. Discrepancies are written under a new run id as they come; only when the whole statement has been read, every
 *    check passed and the totals are in does one conditional transaction make the run the day's current run. Any
 *    error before that (a malformed line, a wrong encoding, an unknown column, an empty or truncated file, a
 *    statement of another day, a hash that does not match) leaves the previous run current and nothing new visible,
 *    and is thrown as it was raised (its message names the line).
 */
export type StatementChoice =
  /** Download it again through the channel adapter (what the schedule does). */
  | { readonly from: 'channel' }
  /** Reuse the statement last stored for the day (a re-run after a fix on the platform side). */
  | { readonly from: 'archive' }
  /** A file a finance officer or operator supplies. */
  | {
      readonly from: 'upload';
      readonly fileName: string;
      readonly body: AsyncIterable<Uint8Array>;
      readonly format?: string;
      readonly expectedSha1?: string;
    };

export interface ReconcileDayProgress {
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly phase: 'statement' | 'matching' | 'recording';
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly lines: number;
}

export interface ReconcileDayDependencies {
  readonly archive: StatementArchive;
  readonly runs: RunStore;
  /** The day's settled records and its window (see `readSettledRecords`). */
  readonly platformRecords: (
    channel: ChannelId,
    businessDate: string,
    windowMinutes: number,
  ) => AsyncIterable<PlatformRecord>;
  /** The channel adapter, for downloads. */
  readonly channel?: (channel: ChannelId) => PaymentChannel | undefined;
  /** Minutes either side of the day (pre-midnight payments). Default 10. */
  readonly windowMinutes?: number;
  readonly now?: () => Date;
  readonly newRunId?: () => string;
}

export interface ReconcileDayInput {
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly statement: StatementChoice;
  /** `schedule:payments-reconciliation`, `cli:<operator>`, `console:<officer id>`. */
  readonly triggeredBy: string;
  readonly onProgress?: (progress: ReconcileDayProgress) => void;
}

export class StatementUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StatementUnavailableError';
  }
}

/** Progress is reported each time the line count passes a multiple of this (lines come in batches). */
const PROGRESS_EVERY_LINES = 5_000;

export const previousBusinessDay = (businessDate: string): string =>
  businessDateOf(businessDayBounds(businessDate).startMs - 1);

export const reconcileDay = async (
  deps: ReconcileDayDependencies,
  input: ReconcileDayInput,
): Promise<ReconciliationRun> => {
  const { channel, businessDate } = input;
  businessDayBounds(businessDate);
  const now = deps.now ?? (() => new Date());
  const windowMinutes = deps.windowMinutes ?? 10;
  const startedAt = now().toISOString();
  const stored = await obtainStatement(deps, input);

  const previous = await deps.runs.currentRun(channel, businessDate);
  const yesterday = await deps.runs.currentRun(channel, previousBusinessDay(businessDate));
  const runId = (deps.newRunId ?? randomUUID)();
  const draft = deps.runs.openDraft(runId);
  const ids = new DiscrepancyIds(channel, businessDate);
  let bytesRead = 0;
  let lines = 0;
  const report = (phase: ReconcileDayProgress['phase']) =>
    input.onProgress?.({ channel, businessDate, phase, bytesRead, totalBytes: stored.sizeBytes, lines });
  const counted = (async function* () {
    for await (const chunk of deps.archive.open(stored)) {
      bytesRead += chunk.byteLength;
      yield chunk;
    }
  })();
  const tap = digestingBody(counted);
  const parsed = parseStatement(stored.format, tap.body, {
    ...(stored.expectedSha1 ? { expectedSha1: stored.expectedSha1 } : {}),
  });
  const statement = (async function* (): AsyncGenerator<readonly StatementLine[]> {
    for await (const batch of parsed) {
      const before = lines;
      lines += batch.length;
      if (Math.floor(lines / PROGRESS_EVERY_LINES) > Math.floor(before / PROGRESS_EVERY_LINES)) report('matching');
      yield batch;
    }
  })();

  try {
    let sequence = 0;
    const result = await reconcile({
      businessDate,
      windowMinutes,
      statement,
      statementSha256: tap.sha256,
      platformRecords: deps.platformRecords(channel, businessDate, windowMinutes),
      deferredFromPreviousDay: yesterday?.deferred ?? [],
      onDiscrepancy: (discrepancy) =>
        draft.add({
          ...discrepancy,
          discrepancyId: ids.next(discrepancy.key),
          runId,
          channel,
          businessDate,
          sequence: sequence++,
        }),
    });
    if (result.statementSha256 !== stored.sha256) {
      throw new StatementTamperedError(stored.location, stored.sha256, result.statementSha256 ?? '(unread)');
    }
    report('recording');
    const run: ReconciliationRun = {
      runId,
      channel,
      businessDate,
      engine: result.engine,
      windowMinutes,
      statement: {
        sha256: stored.sha256,
        fileName: stored.fileName,
        format: stored.format,
        source: stored.source,
        location: stored.location,
        sizeBytes: stored.sizeBytes,
        storedBy: stored.storedBy,
      },
      statementLines: result.statementLines,
      platformRecords: result.platformRecords,
      counts: result.counts,
      totals: result.totals,
      deferred: result.deferred,
      runDigest: result.runDigest,
      startedAt,
      finishedAt: now().toISOString(),
      triggeredBy: input.triggeredBy,
      ...(previous ? { previousRunId: previous.runId } : {}),
    };
    await deps.runs.commit(run, draft);
    if (previous) {
      // Tidying only: the replaced run is unreachable already.
      await deps.runs.retire(previous.runId).catch(() => undefined);
    }
    return run;
  } catch (error) {
    await draft.discard().catch(() => undefined);
    throw error;
  }
};

const obtainStatement = async (deps: ReconcileDayDependencies, input: ReconcileDayInput): Promise<StoredStatement> => {
  const { channel, businessDate, statement } = input;
  if (statement.from === 'archive') {
    const stored = await deps.archive.latest(channel, businessDate);
    if (!stored) throw new StatementUnavailableError(`No statement of ${channel} for ${businessDate} is stored.`);
    return stored;
  }
  if (statement.from === 'upload') {
    const format = statement.format ?? FORMAT_OF_CHANNEL[channel];
    if (!format) throw new StatementUnavailableError(`No statement format is known for channel ${channel}.`);
    return deps.archive.store(
      {
        channel,
        businessDate,
        format,
        fileName: statement.fileName,
        source: 'upload',
        storedBy: input.triggeredBy,
        ...(statement.expectedSha1 ? { expectedSha1: statement.expectedSha1.toLowerCase() } : {}),
      },
      statement.body,
    );
  }
  const adapter = deps.channel?.(channel);
  if (!adapter) throw new StatementUnavailableError(`Channel ${channel} is not configured here.`);
  const published: ChannelStatement & { readonly hashValue?: string } = await adapter.statement(businessDate);
  if (published.channel !== channel || published.businessDate !== businessDate) {
    throw new StatementUnavailableError(
      `Channel ${channel} answered the statement of ${published.channel} ${published.businessDate}.`,
    );
  }
  return deps.archive.store(
    {
      channel,
      businessDate,
      format: published.format,
      fileName: published.fileName,
      source: 'channel',
      storedBy: `channel:${channel}`,
      ...(published.hashValue ? { expectedSha1: published.hashValue } : {}),
    },
    published.body,
  );
};
