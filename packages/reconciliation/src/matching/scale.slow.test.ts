import { describe, expect, it } from 'vitest';
import { expectedScaleCounts, runScale } from '../test-support/scale-run.ts';

const MB = 1024 * 1024;

/** A million lines: run on purpose with `RECONCILIATION_SLOW=1 npx vitest run --project unit packages/reconciliation`. */
describe.skipIf(!process.env.RECONCILIATION_SLOW)('scale (slow)', () => {
  it('reconciles 1,000,000 streamed lines within a Lambda function’s memory', async () => {
    const run = await runScale(1_000_000);
    console.log(
      `1M lines: ${Math.round(run.elapsedMs)} ms, ${run.linesPerSecond} lines/s, peak heap ${Math.round(run.peakHeapBytes / MB)} MB`,
    );
    expect(run.result.counts).toEqual(expectedScaleCounts(1_000_000));
    expect(run.peakHeapBytes).toBeLessThan(256 * MB);
  }, 120_000);
});
