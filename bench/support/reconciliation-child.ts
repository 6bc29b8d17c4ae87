import { createReadStream } from 'node:fs';
import { digestingBody, parseSandboxStatement, reconcile } from '@platform/reconciliation';
import { BENCH_DATE, platformRecords } from './reconciliation-data.ts';

/**
 * One measurement in a fresh process, so that peak memory is this run's alone:
 * `parse <file>`: read the statement and parse every line (the I/O and parsing limit);
 * `reconcile <file> <lines>`: the same read and parse, hashed, joined against the day's platform records.
 * `records <lines>`: only generating the platform records `reconcile` is given (part of its time), for the report.
 * Prints `{ ms, cpuMs, lines, peakHeapBytes, peakRssBytes, counts? }` as JSON (`cpuMs`: user + system CPU of the run;
 * `peakHeapBytes`: the JS heap plus external memory, ArrayBuffers included).
 */
const [mode, file, linesText] = process.argv.slice(2);
let peakHeapBytes = 0;
let peakRssBytes = 0;
const sample = () => {
  const usage = process.memoryUsage();
  // The JS heap and the memory outside it that JS holds (ArrayBuffers: the platform index's typed arrays, the read
  // stream's chunks): `heapUsed` alone would not see an index kept in typed arrays.
  peakHeapBytes = Math.max(peakHeapBytes, usage.heapUsed + usage.external);
  peakRssBytes = Math.max(peakRssBytes, usage.rss);
};
const sampler = setInterval(sample, 20);
const body = () => createReadStream(file as string, { highWaterMark: 256 * 1024 });
sample();
const started = performance.now();
const cpuStarted = process.cpuUsage();
let lines = 0;
let counts: unknown;
if (mode === 'parse') {
  for await (const batch of parseSandboxStatement(body())) lines += batch.length;
} else if (mode === 'records') {
  for (const _ of platformRecords(Number(file))) lines += 1;
} else {
  const tap = digestingBody(body());
  const result = await reconcile({
    businessDate: BENCH_DATE,
    windowMinutes: 10,
    statement: parseSandboxStatement(tap.body),
    statementSha256: tap.sha256,
    platformRecords: platformRecords(Number(linesText)),
    onDiscrepancy: () => undefined,
  });
  lines = result.statementLines;
  counts = result.counts;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
sample();
clearInterval(sampler);
process.stdout.write(`${JSON.stringify({ ms, cpuMs, lines, peakHeapBytes, peakRssBytes, counts })}\n`);
