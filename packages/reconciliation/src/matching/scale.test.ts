import { describe, expect, it } from 'vitest';
import { expectedScaleCounts, runScale } from '../test-support/scale-run.ts';

const MB = 1024 * 1024;

describe('scale', () => {
  it('reconciles 100,000 streamed lines in bounded memory', async () => {
    const run = await runScale(100_000);
    console.log(
      `100k lines: ${Math.round(run.elapsedMs)} ms, ${run.linesPerSecond} lines/s, peak heap ${Math.round(run.peakHeapBytes / MB)} MB`,
    );
    expect(run.result.counts).toEqual(expectedScaleCounts(100_000));
    expect(run.discrepancies).toBe(300);
    expect(run.peakHeapBytes).toBeLessThan(256 * MB);
  }, 30_000);
});
