import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Benchmark, createBenchContext, type Measurement } from './harness.ts';

/**
 * `npm run bench [-- --only name]`: runs every `bench/*.bench.ts`, prints one table and writes
 * `bench/results.json` (git-ignored) for machines to read.
 */
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const folder = import.meta.dirname;
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();

const format = (value: number): string =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);

const context = createBenchContext();
const results: Measurement[] = [];
const started = new Date();
try {
  for (const file of files) {
    const benchmark = (await import(join(folder, file))).default as Benchmark;
    if (values.only && !values.only.includes(benchmark.name)) continue;
    process.stderr.write(`▶ ${benchmark.name}\n`);
    results.push(...(await benchmark.run(context)));
  }
} finally {
  await context.close();
}

mkdirSync(folder, { recursive: true });
writeFileSync(
  join(folder, 'results.json'),
  `${JSON.stringify({ startedAt: started.toISOString(), node: process.version, results }, null, 2)}\n`,
);

const rows = results.map((r) => ({
  benchmark: r.benchmark,
  metric: r.metric,
  value: `${format(r.value)} ${r.unit}`,
  baseline: r.baseline ? `${format(r.baseline.value)} (${r.baseline.metric})` : '',
  ratio: r.ratio !== undefined ? `${format(r.ratio)}x` : '',
  target: r.target
    ? `${r.target.of === 'ratio' ? 'ratio' : 'value'} ${r.target.max !== undefined ? `≤ ${r.target.max}` : `≥ ${r.target.min}`}`
    : '',
  met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
}));
console.table(rows);
console.log(`Results written to bench/results.json (${results.length} measurements).`);
