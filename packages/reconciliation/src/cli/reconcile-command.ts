import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { businessDateOf, businessDayBounds, type ChannelId } from '@platform/payment-channels';
import { yuan } from '../reports/csv.ts';
import type { ReconcileDayDependencies, StatementChoice } from '../runs/reconcile-day.ts';
import { reconcileDay } from '../runs/reconcile-day.ts';
import type { ReconciliationRun } from '../runs/run-record.ts';
import { ProgressBar, type ProgressStream } from './progress-bar.ts';

/**
 * `npm run reconcile -- --day 2026-11-22 [--to 2026-11-23] [--channel alipay]… [--statement file [--sha1 hex]]
 *  [--from-archive] [--by name]`
 *
 * Runs each (day, channel) of the range through `reconcileDay` (the same path as the scheduled function, so the
 * same run records), with a progress bar on stderr and a summary table on stdout. Without `--channel`, every
 * channel configured here. `--statement` reconciles a file supplied by hand (one day, one channel); `--from-archive`
 * re-reads the statement already stored instead of downloading it again. Exit code 0 when every run was recorded,
 * 1 when any failed (its error is in the table), 2 for a usage error.
 */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ProgressStream;
}

export interface CommandRuntime {
  readonly reconcile: ReconcileDayDependencies;
  readonly enabledChannels: readonly ChannelId[];
}

const CHANNELS: readonly ChannelId[] = ['sandbox', 'alipay', 'wechat-pay'];
const MAX_DAYS = 366;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface Outcome {
  readonly channel: ChannelId;
  readonly businessDate: string;
  readonly run?: ReconciliationRun;
  readonly error?: string;
}

const daysFrom = (from: string, to: string): string[] => {
  const start = businessDayBounds(from).startMs;
  const end = businessDayBounds(to).startMs;
  if (end < start) throw new UsageError('--to is before --day.');
  const days: string[] = [];
  for (let ms = start; ms <= end; ms += 86_400_000) days.push(businessDateOf(ms));
  if (days.length > MAX_DAYS) throw new UsageError(`At most ${MAX_DAYS} days at once.`);
  return days;
};

export const parseCommand = (argv: readonly string[], enabled: readonly ChannelId[]) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      day: { type: 'string' },
      to: { type: 'string' },
      channel: { type: 'string', multiple: true },
      statement: { type: 'string' },
      sha1: { type: 'string' },
      'from-archive': { type: 'boolean', default: false },
      by: { type: 'string' },
    },
    strict: true,
  });
  if (!values.day) throw new UsageError('--day YYYY-MM-DD is required.');
  let days: string[];
  try {
    days = daysFrom(values.day, values.to ?? values.day);
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(`${(error as Error).message} (--day/--to)`);
  }
  for (const channel of values.channel ?? []) {
    if (!CHANNELS.includes(channel as ChannelId)) throw new UsageError(`Unknown channel ${channel}.`);
  }
  const channels = (values.channel as ChannelId[] | undefined) ?? [...enabled];
  if (channels.length === 0) throw new UsageError('No channel is configured here; name one with --channel.');
  if (values.statement && (days.length !== 1 || channels.length !== 1)) {
    throw new UsageError('--statement reconciles one day of one channel: give --day and one --channel.');
  }
  if (values.statement && values['from-archive'])
    throw new UsageError('--statement and --from-archive exclude each other.');
  return {
    days,
    channels,
    statement: values.statement,
    sha1: values.sha1,
    fromArchive: values['from-archive'] === true,
    by: values.by ?? process.env.USER ?? 'operator',
  };
};

const choice = (options: ReturnType<typeof parseCommand>): StatementChoice =>
  options.statement
    ? {
        from: 'upload',
        fileName: basename(options.statement),
        body: createReadStream(options.statement),
        ...(options.sha1 ? { expectedSha1: options.sha1 } : {}),
      }
    : options.fromArchive
      ? { from: 'archive' }
      : { from: 'channel' };

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

const table = (outcomes: readonly Outcome[]): string => {
  const header = ['day', 'channel', 'lines', 'matched', 'overage', 'shortage', 'amount', 'status', 'net (yuan)', 'run'];
  const rows = outcomes.map(({ channel, businessDate, run, error }) =>
    run
      ? [
          businessDate,
          channel,
          String(run.statementLines),
          String(run.counts.matched),
          String(run.counts.overage),
          String(run.counts.shortage),
          String(run.counts.amount_mismatch),
          String(run.counts.status_mismatch),
          yuan(Object.values(run.totals.all).reduce((sum, t) => sum + t.statementFen - t.feeFen, 0)),
          run.runId.slice(0, 8),
        ]
      : [businessDate, channel, 'FAILED', error ?? ''],
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.filter((r) => r.length > 4).map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.length === header.length
      ? cells.map((c, i) => pad(c, widths[i] as number)).join('  ')
      : `${pad(cells[0] as string, widths[0] as number)}  ${pad(cells[1] as string, widths[1] as number)}  ${cells.slice(2).join(': ')}`;
  return [line(header), line(header.map((_, i) => '-'.repeat(widths[i] as number))), ...rows.map(line)].join('\n');
};

export const runReconcileCommand = async (
  argv: readonly string[],
  runtime: CommandRuntime,
  io: CommandIo,
): Promise<number> => {
  let options: ReturnType<typeof parseCommand>;
  try {
    options = parseCommand(argv, runtime.enabledChannels);
  } catch (error) {
    io.stderr.write(`reconcile: ${(error as Error).message}\n`);
    return 2;
  }
  const bar = new ProgressBar(io.stderr);
  const outcomes: Outcome[] = [];
  for (const businessDate of options.days) {
    for (const channel of options.channels) {
      bar.start(`${businessDate} ${channel}`);
      try {
        const run = await reconcileDay(runtime.reconcile, {
          channel,
          businessDate,
          statement: choice(options),
          triggeredBy: `cli:${options.by}`,
          onProgress: (p) => bar.update(p.bytesRead, p.totalBytes, p.lines, p.phase),
        });
        outcomes.push({ channel, businessDate, run });
        bar.finish(`recorded run ${run.runId} (${run.statementLines} lines)`);
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        outcomes.push({ channel, businessDate, error: message });
        bar.finish(`FAILED, no run recorded: ${message}`);
      }
    }
  }
  io.stdout.write(`${table(outcomes)}\n`);
  return outcomes.some((o) => o.error) ? 1 : 0;
};
