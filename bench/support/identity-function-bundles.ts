import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type FunctionDefinition, localTableName, TABLES } from '@platform/topology';
import { build, type Metafile } from 'esbuild';
import { bundleOptions } from '../../infra/src/bundling.ts';
import { median } from '../harness.ts';

/**
 * Bundle size and cold-start time of Lambda functions, built exactly as the CDK stacks build them
 * (`bundleOptions`) and loaded as Lambda loads them: a fresh Node process per measurement, with the
 * `NODE_OPTIONS=--enable-source-maps` the stacks set. Used by `functions.bench.ts` (every function) and
 * `identity.bench.ts` (the identity function, with targets); results are cached per entry for one bench run.
 *
 * What this cannot reproduce: Lambda's CPU share (a 1024 MB function gets a fraction of a vCPU), the download of
 * the code package and the runtime's own bootstrap. Ratios against a trivial module loaded the same way carry over.
 */

export const IMPORT_RUNS = 5;

let workFolder: string | undefined;
/** One temporary folder per bench process, removed when the process exits. */
export const benchTempFolder = (): string => {
  if (!workFolder) {
    const folder = mkdtempSync(join(tmpdir(), 'platform-bench-functions-'));
    workFolder = folder;
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  return workFolder;
};

export interface FunctionBundle {
  readonly entry: string;
  readonly outfile: string;
  /** Size of the code file Lambda loads (`index.mjs`), bytes. */
  readonly bytes: number;
  /** Size of the source map shipped beside it, bytes. */
  readonly mapBytes: number;
  /** The largest contributors to the output, by package, biggest first. */
  readonly largest: { readonly name: string; readonly bytes: number }[];
}

const packageOf = (input: string): string => {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules) return inModules[1] as string;
  const workspace = /^(packages|functions|infra|bench)\/[^/]+/.exec(input);
  return workspace ? workspace[0] : input;
};

const largestPackages = (metafile: Metafile, count: number) => {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => ({ name, bytes }));
};

const bundles = new Map<string, Promise<FunctionBundle>>();

/** Bundles `entry` (repository-relative or absolute) into `<temp>/<label>/index.mjs`, as the CDK names it. */
export const bundleFunction = (entry: string, label: string): Promise<FunctionBundle> => {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = (async () => {
      const folder = join(benchTempFolder(), label);
      mkdirSync(folder, { recursive: true });
      const outfile = join(folder, 'index.mjs');
      const result = await build({ ...bundleOptions(entry, outfile), metafile: true, logLevel: 'silent' });
      return {
        entry,
        outfile,
        bytes: statSync(outfile).size,
        mapBytes: statSync(`${outfile}.map`).size,
        largest: largestPackages(result.metafile, 6),
      };
    })();
    bundles.set(entry, bundle);
  }
  return bundle;
};

/**
 * Run in a fresh `node --input-type=module`: times `import()` of the module (its init), then, when an event is
 * given, the first call of its `handler` (init + first event), and prints one `BENCH_RESULT` line.
 */
const IMPORT_SCRIPT = `
const started = performance.now();
const loaded = await import(process.env.BENCH_MODULE_URL);
const init = performance.now() - started;
let firstEvent;
let status;
if (process.env.BENCH_EVENT) {
  const context = {
    awsRequestId: 'bench', functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024',
    callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 15000,
  };
  const result = await loaded.handler(JSON.parse(process.env.BENCH_EVENT), context);
  firstEvent = performance.now() - started;
  status = result && result.statusCode;
}
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({ init, firstEvent, status }) + '\\n');
process.exit(0);
`;

interface ImportResult {
  readonly init: number;
  readonly firstEvent?: number;
  readonly status?: number;
}

const run = promisify(execFile);

/** One fresh process: the module's init time (and first event time when `event` is given), milliseconds. */
export const importOnce = async (
  modulePath: string,
  environment: Record<string, string>,
  event?: object,
): Promise<ImportResult> => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', IMPORT_SCRIPT], {
    // Only what Lambda would set: the function's environment, not the benchmark's.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: '--enable-source-maps',
      ...environment,
      BENCH_MODULE_URL: pathToFileURL(modulePath).href,
      ...(event ? { BENCH_EVENT: JSON.stringify(event) } : {}),
    },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`no result from importing ${modulePath}: ${stdout.slice(-2000)}`);
  const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as ImportResult;
  if (event && result.status !== 200) throw new Error(`first event of ${modulePath} answered ${result.status}`);
  return result;
};

/** Medians over `runs` fresh processes, one after another (never in parallel on a small machine). */
export const importMedian = async (
  modulePath: string,
  environment: Record<string, string>,
  runs = IMPORT_RUNS,
  event?: object,
): Promise<{ init: number; firstEvent?: number }> => {
  const results: ImportResult[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await importOnce(modulePath, environment, event));
  const firstEvents = results.flatMap((result) => (result.firstEvent === undefined ? [] : [result.firstEvent]));
  return {
    init: median(results.map((result) => result.init)),
    ...(firstEvents.length ? { firstEvent: median(firstEvents) } : {}),
  };
};

const inits = new Map<string, Promise<number>>();

/** Median module init time of a bundle, cached per bundle for the run. */
export const moduleInitMs = (bundle: FunctionBundle, environment: Record<string, string>): Promise<number> => {
  let init = inits.get(bundle.outfile);
  if (!init) {
    init = importMedian(bundle.outfile, environment).then((result) => result.init);
    inits.set(bundle.outfile, init);
  }
  return init;
};

/** The baseline of every init time: a one-line ESM module, loaded the same way. */
export const trivialModuleInitMs = (): Promise<number> => {
  let init = inits.get('trivial');
  if (!init) {
    const path = join(benchTempFolder(), 'trivial.mjs');
    writeFileSync(path, 'export const handler = async () => ({ statusCode: 200 });\n');
    init = importMedian(path, {}).then((result) => result.init);
    inits.set('trivial', init);
  }
  return init;
};

/**
 * The environment the stacks give a function (its own variables and its tables'), plus what the local runtime
 * adds in place of AWS: module init reads it, nothing is contacted until the first event.
 */
export const functionEnvironment = (
  definition: FunctionDefinition,
  local: { stage: string; dynamodbEndpoint: string; stateDir: string; identityUrl: string; paymentsUrl: string },
): Record<string, string> => ({
  ...Object.fromEntries(
    Object.values(TABLES).map((table) => [table.environmentVariable, localTableName(local.stage, table)]),
  ),
  DYNAMODB_ENDPOINT: local.dynamodbEndpoint,
  AWS_REGION: 'local',
  STAGE: local.stage,
  PLATFORM_LOCAL: 'true',
  LOCAL_STATE_DIR: local.stateDir,
  IDENTITY_URL: local.identityUrl,
  PAYMENTS_URL: local.paymentsUrl,
  ...definition.environment,
});

/** `functionEnvironment` for a module-init measurement: init contacts nothing, so the addresses only have to exist. */
export const initOnlyEnvironment = (definition: FunctionDefinition): Record<string, string> =>
  functionEnvironment(definition, {
    stage: 'bench',
    dynamodbEndpoint: 'http://127.0.0.1:9',
    stateDir: benchTempFolder(),
    identityUrl: 'http://127.0.0.1:9',
    paymentsUrl: 'http://127.0.0.1:9',
  });
