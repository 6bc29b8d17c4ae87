import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables } from '@platform/local-runtime';
import { SANDBOX_PEOPLE } from '@platform/real-name';
import { FUNCTIONS, localTableName, TABLES } from '@platform/topology';
import { type BenchContext, type Benchmark, type Measurement, measurement, median } from './harness.ts';
import { connectPortal, registerBenchPortal } from './support/identity-flows.ts';
import { functionEnvironment } from './support/identity-function-bundles.ts';
import { startProviderProcess } from './support/identity-provider-process.ts';
import { CERTIFICATE_ALGORITHMS, measureCertificateChecks } from './support/real-name-certificates.ts';
import { flowIdentity, type RealNameFlow, realNameSignIn } from './support/real-name-flows.ts';

/**
 * Real-name assurance, two costs:
 *
 * 1. Enterprise certificate checks (`verifier.verify`: two-level chain, leaf CA signature, challenge signature, USCC,
 *    cached CRLs) per algorithm, in this process (`support/real-name-certificates.ts`), against a bare
 *    `crypto.verify` of the same algorithm. Target: at most 2 ms of CPU per check.
 * 2. A step-up sign-in against a plain one, in the platform provider's own process (the identity benchmark's, with
 *    `PLATFORM_LOCAL=true`: sandbox SMS, registry and carrier), its CPU read over `GET /_bench/cpu` around each
 *    flow. Plain: a new person signs in by SMS (new browser, phone, account, session) and the code is exchanged.
 *    Step-up: the same, but the portal asks for L2, so after the SMS code the provider shows its step-up page and an
 *    ID number + name check (sandbox registry) raises the session to L2 before the redirect. Target: a step-up
 *    sign-in costs at most 1.5x a plain one.
 *
 * The sandbox registry knows only its seeded people and an ID number links to one account, and a session already at
 * L2 (or an account already verified) never sees the step-up page again: so each seeded person steps up once, the
 * first as warm-up, the others measured, with plain sign-ins interleaved between them so that both see the same
 * provider state. Every flow has its own phone and `X-Forwarded-For` address (SMS and real-name checks are limited
 * per phone, account and network). Both kinds of flow include the benchmark's read of the sandbox SMS outbox.
 */
const STAGE = 'bench-real-name';
const CLIENT_ID = 'bench-real-name-portal';
const CERTIFICATE_CHECKS = 500;
const CERTIFICATE_ROUNDS = 3;
const CERTIFICATE_WARMUP = 50;
const CERTIFICATE_LIMIT_MS = 2;
const PLAIN_WARMUP = 5;
const PLAIN_PER_STEP_UP = 3;
const STEP_UP_RATIO_LIMIT = 1.5;

const ALGORITHM_LABEL = { RSA: 'RSA-2048', ECDSA: 'ECDSA P-256', SM2: 'SM2' } as const;

interface SignInResult {
  readonly plainCpuMs: number[];
  readonly stepUpCpuMs: number[];
}

const measureSignIns = async (context: BenchContext): Promise<SignInResult> => {
  const database = await context.dynamodb();
  const client = new DynamoDBClient({
    endpoint: database.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(client, database.endpoint, STAGE, [TABLES.identity]);
  client.destroy();
  const identityTable = localTableName(STAGE, TABLES.identity);
  const { portal } = await registerBenchPortal(database.endpoint, identityTable, CLIENT_ID);
  const definition = FUNCTIONS.find((fn) => fn.id === 'identity-provider');
  if (!definition) throw new Error('no identity-provider function in the topology');
  const stateDir = mkdtempSync(join(tmpdir(), 'platform-bench-real-name-'));
  const environment = functionEnvironment(definition, {
    stage: STAGE,
    dynamodbEndpoint: database.endpoint,
    stateDir,
    identityUrl: 'http://127.0.0.1:4000',
    paymentsUrl: 'http://127.0.0.1:4100',
  });

  const server = await startProviderProcess('platform', environment);
  try {
    const bench = await connectPortal('platform', server.issuer, portal);
    let flows = 0;
    const run = async (stepUp?: RealNameFlow['stepUp']): Promise<number> => {
      const flow: RealNameFlow = { ...flowIdentity(flows), ...(stepUp ? { stepUp } : {}) };
      flows += 1;
      const before = await server.cpuMs();
      await realNameSignIn(bench, flow);
      return (await server.cpuMs()) - before;
    };

    const [warmupPerson, ...people] = SANDBOX_PEOPLE;
    if (!warmupPerson || people.length === 0) throw new Error('the sandbox has too few people');
    context.progress(`sign-in: ${PLAIN_WARMUP} plain + 1 step-up warm-up flows`);
    for (let i = 0; i < PLAIN_WARMUP; i += 1) await run();
    await run(warmupPerson);

    context.progress(`sign-in: ${people.length} step-up flows, ${PLAIN_PER_STEP_UP} plain flows before each`);
    const plainCpuMs: number[] = [];
    const stepUpCpuMs: number[] = [];
    for (const person of people) {
      for (let i = 0; i < PLAIN_PER_STEP_UP; i += 1) plainCpuMs.push(await run());
      stepUpCpuMs.push(await run(person));
    }
    context.progress(
      `sign-in: provider CPU per flow, plain median ${median(plainCpuMs).toFixed(1)} ms ` +
        `[${plainCpuMs.map((ms) => ms.toFixed(0)).join(' ')}], step-up median ${median(stepUpCpuMs).toFixed(1)} ms ` +
        `[${stepUpCpuMs.map((ms) => ms.toFixed(0)).join(' ')}]`,
    );
    return { plainCpuMs, stepUpCpuMs };
  } catch (error) {
    throw new Error(`platform provider: ${(error as Error).message}\n--- provider output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
};

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

const realName: Benchmark = {
  name: 'real-name',
  run: async (context) => {
    const results: Measurement[] = [];
    for (const algorithm of CERTIFICATE_ALGORITHMS) {
      const label = ALGORITHM_LABEL[algorithm];
      context.progress(
        `certificates ${label}: ${CERTIFICATE_WARMUP} warm-up + ${CERTIFICATE_ROUNDS} × ${CERTIFICATE_CHECKS} checks`,
      );
      const result = await measureCertificateChecks(algorithm, {
        checks: CERTIFICATE_CHECKS,
        rounds: CERTIFICATE_ROUNDS,
        warmup: CERTIFICATE_WARMUP,
      });
      const baseline = { metric: `bare crypto.verify ${label}`, value: result.cpuMsPerBareVerify };
      results.push(
        measurement({
          benchmark: 'real-name',
          metric: `CPU per certificate check ${label} (chain + challenge, CRLs cached)`,
          value: result.cpuMsPerCheck,
          unit: 'ms',
          baseline,
          target: { max: CERTIFICATE_LIMIT_MS, of: 'value' },
        }),
        measurement({
          benchmark: 'real-name',
          metric: `certificate checks per CPU-second ${label}`,
          value: 1000 / result.cpuMsPerCheck,
          unit: 'checks/CPU-s',
          baseline: { metric: baseline.metric, value: 1000 / result.cpuMsPerBareVerify },
        }),
      );
    }

    const signIns = await measureSignIns(context);
    const plain = mean(signIns.plainCpuMs);
    results.push(
      measurement({
        benchmark: 'real-name',
        metric: `provider CPU per plain sign-in (SMS, new person; mean of ${signIns.plainCpuMs.length})`,
        value: plain,
        unit: 'ms',
      }),
      measurement({
        benchmark: 'real-name',
        metric: `provider CPU per step-up sign-in (SMS + id-name to L2; mean of ${signIns.stepUpCpuMs.length})`,
        value: mean(signIns.stepUpCpuMs),
        unit: 'ms',
        baseline: { metric: 'plain sign-in', value: plain },
        target: { max: STEP_UP_RATIO_LIMIT, of: 'ratio' },
      }),
    );
    return results;
  },
};

export default realName;
