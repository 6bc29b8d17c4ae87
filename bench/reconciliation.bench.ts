import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Benchmark, type Measurement, measurement } from './harness.ts';
import { writeStatementFile } from './support/reconciliation-data.ts';

/**
 * Reconciliation at scale: a sandbox statement file of N lines on disk, reconciled against N platform records
 * (`reconcile`: hash the file, parse it, build the platform index, join, total), beside the time to merely read and
 * parse the same file in the same run: the I/O and parsing limit. Both sides read the same file through the same
 * stream (256 KiB chunks) and the same parser, and take its lines in the same batches. The reconcile side's time also includes generating the N platform
 * records (a synchronous generator standing in for the settled-index read: fresh objects and strings per record);
 * that part is measured on its own too and reported beside it. Each run is its own process, so peak memory is its
 * own (JS heap plus external memory, i.e. the index's typed arrays, sampled every 20 ms; RSS includes Node itself). Times are the child's CPU time (user + system), which a
 * loaded machine disturbs far less than wall time; each side keeps its best of the interleaved rounds. Targets: reconciling takes at most 1.5x the read-and-parse
 * time; the heap peaks at most at 256 MB.
 *
 * 100k and 1M lines (the two sizes); `BENCH_RECONCILIATION_MILLION=0` leaves the 1M statement out (two
 * rounds of about 10 s each on a quiet machine) for a quick run.
 */
const run = promisify(execFile);
const MB = 1024 * 1024;
const RATIO_LIMIT = 1.5;
const HEAP_LIMIT_MB = 256;

interface ChildResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly lines: number;
  readonly peakHeapBytes: number;
  readonly peakRssBytes: number;
}

const child = async (args: string[]): Promise<ChildResult> => {
  const script = join(import.meta.dirname, 'support', 'reconciliation-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ChildResult;
};

const faster = (a: ChildResult | undefined, b: ChildResult): ChildResult => (a && a.cpuMs <= b.cpuMs ? a : b);

/**
 * Read-and-parse and reconcile alternate, and each keeps its fastest round: on a shared machine the load changes
 * from minute to minute, and alternating exposes both to the same conditions.
 */
const interleaved = async (rounds: number, file: string, lines: number) => {
  let parse: ChildResult | undefined;
  let matched: ChildResult | undefined;
  for (let i = 0; i < rounds; i += 1) {
    parse = faster(parse, await child(['parse', file]));
    matched = faster(matched, await child(['reconcile', file, String(lines)]));
  }
  return { parse: parse as ChildResult, matched: matched as ChildResult };
};

const benchmark: Benchmark = {
  name: 'reconciliation',
  async run(context) {
    const sizes = [100_000, ...(process.env.BENCH_RECONCILIATION_MILLION === '0' ? [] : [1_000_000])];
    const folder = mkdtempSync(join(tmpdir(), 'bench-reconciliation-'));
    const results: Measurement[] = [];
    try {
      for (const lines of sizes) {
        const label = lines >= 1_000_000 ? `${lines / 1_000_000}M` : `${lines / 1_000}k`;
        const file = join(folder, `statement-${lines}.csv`);
        const bytes = await writeStatementFile(file, lines);
        context.progress(`${label} lines (${Math.round(bytes / MB)} MB): read and parse, then reconcile`);
        const { parse, matched } = await interleaved(lines >= 1_000_000 ? 2 : 3, file, lines);
        const records = await child(['records', String(lines)]);
        // CPU time, not wall time: on a machine shared by many, wall time measures the neighbours.
        const baseline = { metric: `read and parse ${label} lines (CPU ms)`, value: parse.cpuMs };
        results.push(
          measurement({
            benchmark: 'reconciliation',
            metric: `read and parse ${label} lines (per CPU second)`,
            value: Math.round((parse.lines / parse.cpuMs) * 1000),
            unit: 'lines/s',
          }),
          measurement({
            benchmark: 'reconciliation',
            metric: `reconcile ${label} lines (CPU ms)`,
            value: matched.cpuMs,
            unit: 'ms',
            baseline,
            // The issue sets the time target for 1M lines only; at 100k the fixed costs (compiling the index and
            // the matcher, loading the index) weigh more and the ratio is reported without a target.
            ...(lines >= 1_000_000 ? { target: { max: RATIO_LIMIT, of: 'ratio' as const } } : {}),
          }),
          measurement({
            benchmark: 'reconciliation',
            metric: `of which generating ${label} platform records (CPU ms)`,
            value: records.cpuMs,
            unit: 'ms',
          }),
          measurement({
            benchmark: 'reconciliation',
            metric: `reconcile ${label} lines (per CPU second)`,
            value: Math.round((matched.lines / matched.cpuMs) * 1000),
            unit: 'lines/s',
          }),
          measurement({
            benchmark: 'reconciliation',
            metric: `reconcile ${label} lines: peak heap + external`,
            value: matched.peakHeapBytes / MB,
            unit: 'MB',
            target: { max: HEAP_LIMIT_MB, of: 'value' },
          }),
          measurement({
            benchmark: 'reconciliation',
            metric: `reconcile ${label} lines: peak RSS`,
            value: matched.peakRssBytes / MB,
            unit: 'MB',
          }),
        );
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return results;
  },
};

export default benchmark;
