import { FUNCTIONS, type FunctionDefinition } from '@platform/topology';
import { type Benchmark, type Measurement, measurement } from './harness.ts';
import {
  bundleFunction,
  IMPORT_RUNS,
  initOnlyEnvironment,
  moduleInitMs,
  trivialModuleInitMs,
} from './support/identity-function-bundles.ts';

/**
 * Every Lambda function of the topology, bundled as the stacks bundle it: code size, and module init (the median
 * `import()` time over fresh Node processes) against a trivial module loaded the same way. Functions that share a
 * handler module share one bundle and are measured once, under all their ids. Reported, not targeted: the targets
 * are per function and live with its own benchmark (`identity.bench.ts`).
 */
const functions: Benchmark = {
  name: 'functions',
  run: async (context) => {
    const byEntry = new Map<string, FunctionDefinition[]>();
    for (const definition of FUNCTIONS)
      byEntry.set(definition.entry, [...(byEntry.get(definition.entry) ?? []), definition]);

    context.progress(`module init of a trivial ESM module, ${IMPORT_RUNS} fresh processes`);
    const trivialMs = await trivialModuleInitMs();
    const results: Measurement[] = [];
    for (const [entry, definitions] of byEntry) {
      const [first] = definitions as [FunctionDefinition];
      const ids = definitions.map((definition) => definition.id).join(' = ');
      context.progress(`${ids}: bundling ${entry}`);
      const bundle = await bundleFunction(entry, first.id);
      context.progress(
        `${ids}: ${bundle.bytes} bytes (+ ${bundle.mapBytes} bytes source map); largest: ${bundle.largest
          .map((part) => `${part.name} ${(part.bytes / 1024).toFixed(0)} KiB`)
          .join(', ')}`,
      );
      context.progress(`${ids}: module init, ${IMPORT_RUNS} fresh processes`);
      const initMs = await moduleInitMs(bundle, initOnlyEnvironment(first));
      results.push(
        measurement({ benchmark: 'functions', metric: `${ids} bundle size`, value: bundle.bytes, unit: 'bytes' }),
        measurement({
          benchmark: 'functions',
          metric: `${ids} module init`,
          value: initMs,
          unit: 'ms',
          baseline: { metric: 'trivial ESM module init', value: trivialMs },
        }),
      );
    }
    return results;
  },
};

export default functions;
