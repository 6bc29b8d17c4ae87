import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables, toApiGatewayEvent } from '@platform/local-runtime';
import { FUNCTIONS, localTableName, TABLES } from '@platform/topology';
import { type BenchContext, type Benchmark, type Measurement, measurement, timeConcurrent } from './harness.ts';
import {
  bareClientMetadata,
  connectPortal,
  obtainRefreshToken,
  refreshChain,
  registerBenchPortal,
  signInFlow,
  signInInteractively,
} from './support/identity-flows.ts';
import {
  bundleFunction,
  functionEnvironment,
  IMPORT_RUNS,
  importMedian,
  importOnce,
  moduleInitMs,
  trivialModuleInitMs,
} from './support/identity-function-bundles.ts';
import { type ProviderMode, startProviderProcess } from './support/identity-provider-process.ts';

/**
 * The identity provider against bare oidc-provider (in-memory adapter, development pages) measured in the same run:
 * - complete sign-in flows (authorization request → redirect with code → code exchanged with private_key_jwt and
 *   PKCE → ID token validated), the browser's session and the grant already in place, 4 in flight;
 * - a chain of refresh grants (rotation: each spends the previous one's refresh token);
 * each provider in its own process, whose CPU time is read before and after the measured loop, so that "per CPU
 * second" counts the provider alone (not the benchmark playing portal and browser, not DynamoDB Local).
 * Then the identity function's bundle and cold start (`support/identity-function-bundles.ts`).
 *
 * `BENCH_CPU_PROF=<dir> npm run bench -- --only identity` writes a V8 CPU profile of each provider process.
 */
const STAGE = 'bench-identity';
const CLIENT_ID = 'bench-portal';
const FLOW_WARMUP = 20;
const FLOWS = 150;
const FLOWS_IN_FLIGHT = 4;
const REFRESH_WARMUP = 20;
const REFRESHES = 300;
const BUNDLE_LIMIT_BYTES = 1_572_864;
const INIT_LIMIT_MS = 150;

interface ProviderResult {
  readonly flowsPerSecond: number;
  readonly cpuMsPerFlow: number;
  readonly refreshesPerSecond: number;
  readonly cpuMsPerRefresh: number;
}

const measureProvider = async (
  context: BenchContext,
  mode: ProviderMode,
  env: NodeJS.ProcessEnv,
  portal: Parameters<typeof connectPortal>[2],
): Promise<ProviderResult> => {
  const server = await startProviderProcess(mode, env);
  try {
    const bench = await connectPortal(mode, server.issuer, portal);
    context.progress(`${mode}: signing in (session and grant), ${FLOW_WARMUP} warm-up flows`);
    await signInInteractively(bench);
    await timeConcurrent(FLOW_WARMUP, FLOWS_IN_FLIGHT, () => signInFlow(bench));

    context.progress(`${mode}: ${FLOWS} sign-in flows, ${FLOWS_IN_FLIGHT} in flight`);
    const flowCpuBefore = await server.cpuMs();
    const flowMs = await timeConcurrent(FLOWS, FLOWS_IN_FLIGHT, () => signInFlow(bench));
    const flowCpuMs = (await server.cpuMs()) - flowCpuBefore;

    context.progress(`${mode}: offline access (consent), ${REFRESH_WARMUP} warm-up + ${REFRESHES} chained refreshes`);
    const warmed = await refreshChain(bench, await obtainRefreshToken(bench), REFRESH_WARMUP);
    const refreshCpuBefore = await server.cpuMs();
    const started = performance.now();
    await refreshChain(bench, warmed, REFRESHES);
    const refreshMs = performance.now() - started;
    const refreshCpuMs = (await server.cpuMs()) - refreshCpuBefore;

    return {
      flowsPerSecond: (FLOWS / flowMs) * 1000,
      cpuMsPerFlow: flowCpuMs / FLOWS,
      refreshesPerSecond: (REFRESHES / refreshMs) * 1000,
      cpuMsPerRefresh: refreshCpuMs / REFRESHES,
    };
  } catch (error) {
    throw new Error(`${mode} provider: ${(error as Error).message}\n--- provider output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await server.stop();
  }
};

const discoveryEvent = (identityUrl: string) =>
  toApiGatewayEvent(
    {
      method: 'GET',
      url: '/.well-known/openid-configuration',
      headers: { host: new URL(identityUrl).host, accept: 'application/json' },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    },
    { apiId: 'identity', routeKey: 'ANY /{proxy+}', pathParameters: { proxy: '.well-known/openid-configuration' } },
  );

const identity: Benchmark = {
  name: 'identity',
  run: async (context) => {
    const database = await context.dynamodb();
    const client = new DynamoDBClient({
      endpoint: database.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTables(client, database.endpoint, STAGE, [TABLES.identity]);
    client.destroy();
    const identityTable = localTableName(STAGE, TABLES.identity);
    const { portal, metadata } = await registerBenchPortal(database.endpoint, identityTable, CLIENT_ID);
    const stateDir = mkdtempSync(join(tmpdir(), 'platform-bench-identity-'));
    const local = {
      stage: STAGE,
      dynamodbEndpoint: database.endpoint,
      stateDir,
      identityUrl: 'http://127.0.0.1:4000',
      paymentsUrl: 'http://127.0.0.1:4100',
    };
    const definition = FUNCTIONS.find((fn) => fn.id === 'identity-provider');
    if (!definition) throw new Error('no identity-provider function in the topology');
    const environment = functionEnvironment(definition, local);

    try {
      // One provider after the other, never both at once: on a small machine they would share its cores.
      const bare = await measureProvider(
        context,
        'bare',
        { BENCH_BARE_CLIENT: JSON.stringify(bareClientMetadata(metadata)) },
        portal,
      );
      // The provider process sets its own IDENTITY_URL (its port is only known once it listens).
      const platform = await measureProvider(context, 'platform', environment, portal);

      context.progress('identity-provider: bundle and module init');
      const bundle = await bundleFunction(definition.entry, definition.id);
      const bareBundle = await bundleFunction(resolve(import.meta.dirname, 'support/identity-bare-handler.ts'), 'bare');
      context.progress(
        `identity-provider: largest parts: ${bundle.largest.map((part) => `${part.name} ${(part.bytes / 1024).toFixed(0)} KiB`).join(', ')}`,
      );
      const trivialMs = await trivialModuleInitMs();
      const initMs = await moduleInitMs(bundle, environment);
      const bareInitMs = await moduleInitMs(bareBundle, environment);

      // Init + the first event: module init, then on the first event the dependencies (key set and secrets read
      // from the state folder, personal-data vault, DynamoDB/SMS/registry clients, `new Provider`, serverless-http)
      // and one discovery request through serverless-http. No storage is read for discovery. A first run creates
      // the key set and secrets in the state folder (a deployed stack reads them from Secrets Manager); not counted.
      context.progress(`identity-provider: init + first event, 1 + ${IMPORT_RUNS} fresh processes`);
      const event = discoveryEvent(local.identityUrl);
      await importOnce(bundle.outfile, environment, event);
      const firstEvent = await importMedian(bundle.outfile, environment, IMPORT_RUNS, event);
      const bareFirstEvent = await importMedian(bareBundle.outfile, environment, IMPORT_RUNS, event);

      const bareOidc = 'bare oidc-provider';
      const results: Measurement[] = [
        measurement({
          benchmark: 'identity',
          metric: `sign-in flows/s (${FLOWS_IN_FLIGHT} in flight, wall clock)`,
          value: platform.flowsPerSecond,
          unit: 'flows/s',
          baseline: { metric: bareOidc, value: bare.flowsPerSecond },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'provider CPU per sign-in flow',
          value: platform.cpuMsPerFlow,
          unit: 'ms',
          baseline: { metric: bareOidc, value: bare.cpuMsPerFlow },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'sign-in flows per provider CPU-second',
          value: 1000 / platform.cpuMsPerFlow,
          unit: 'flows/CPU-s',
          baseline: { metric: bareOidc, value: 1000 / bare.cpuMsPerFlow },
          target: { min: 0.8, of: 'ratio' },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'refreshes/s (sequential chain, wall clock)',
          value: platform.refreshesPerSecond,
          unit: 'refreshes/s',
          baseline: { metric: bareOidc, value: bare.refreshesPerSecond },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'provider CPU per refresh grant',
          value: platform.cpuMsPerRefresh,
          unit: 'ms',
          baseline: { metric: bareOidc, value: bare.cpuMsPerRefresh },
          target: { max: 1, of: 'value' },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'identity function bundle size',
          value: bundle.bytes,
          unit: 'bytes',
          baseline: { metric: `${bareOidc} handler bundle`, value: bareBundle.bytes },
          target: { max: BUNDLE_LIMIT_BYTES, of: 'value' },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'identity function module init',
          value: initMs,
          unit: 'ms',
          baseline: { metric: 'trivial ESM module init', value: trivialMs },
          target: { max: INIT_LIMIT_MS, of: 'value' },
        }),
        measurement({
          benchmark: 'identity',
          metric: `${bareOidc} handler module init (reference)`,
          value: bareInitMs,
          unit: 'ms',
          baseline: { metric: 'trivial ESM module init', value: trivialMs },
        }),
        measurement({
          benchmark: 'identity',
          metric: 'identity function init + first event (discovery)',
          value: firstEvent.firstEvent as number,
          unit: 'ms',
          baseline: { metric: `${bareOidc} handler`, value: bareFirstEvent.firstEvent as number },
        }),
      ];
      return results;
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  },
};

export default identity;
