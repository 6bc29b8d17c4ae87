import { type RunningDynamoDbLocal, startDynamoDbLocal } from '@platform/dynamodb-local';

/**
 * A benchmark reports measurements, each beside a baseline measured in the same run where one exists, so that
 * results are ratios that mean the same on any machine. Targets are checked and reported, never asserted by tests.
 */
export interface Measurement {
  readonly benchmark: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly metric: string; readonly value: number };
  /** value / baseline.value */
  readonly ratio?: number;
  readonly target?: { readonly max?: number; readonly min?: number; readonly of: 'value' | 'ratio' };
  readonly met?: boolean;
}

export interface BenchContext {
  /** One DynamoDB Local for the whole run, started on first use. */
  dynamodb(): Promise<RunningDynamoDbLocal>;
  progress(line: string): void;
}

export interface Benchmark {
  readonly name: string;
  run(context: BenchContext): Promise<Measurement[]>;
}

export const measurement = (fields: Omit<Measurement, 'ratio' | 'met'>): Measurement => {
  const ratio = fields.baseline ? fields.value / fields.baseline.value : undefined;
  const checked = fields.target?.of === 'ratio' ? ratio : fields.value;
  const met =
    fields.target && checked !== undefined
      ? (fields.target.max === undefined || checked <= fields.target.max) &&
        (fields.target.min === undefined || checked >= fields.target.min)
      : undefined;
  return { ...fields, ...(ratio !== undefined ? { ratio } : {}), ...(met !== undefined ? { met } : {}) };
};

export const createBenchContext = (): BenchContext & { close(): Promise<void> } => {
  let database: Promise<RunningDynamoDbLocal> | undefined;
  return {
    dynamodb: () => {
      database ??= startDynamoDbLocal({ port: 0 });
      return database;
    },
    progress: (line) => process.stderr.write(`  … ${line}\n`),
    close: async () => {
      if (database) await (await database).stop();
    },
  };
};

/** Runs `operation` `total` times with at most `concurrency` in flight; resolves with the elapsed milliseconds. */
export const timeConcurrent = async (
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<number> => {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      await operation(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - started;
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
