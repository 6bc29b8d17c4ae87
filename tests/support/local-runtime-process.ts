import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LocalEndpoints } from '@platform/local-runtime';

const repositoryRoot = resolve(import.meta.dirname, '../..');
const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
const cli = join(repositoryRoot, 'packages/local-runtime/src/cli.ts');
export const TEST_LOGS = join(repositoryRoot, '.test-logs');

export interface RuntimeProcess {
  readonly child: ChildProcess;
  readonly endpoints: LocalEndpoints;
  readonly stateDir: string;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code once every child is gone. */
  stop(): Promise<number | null>;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The same command line `npm start` runs, with every port free-picked and a throw-away state folder. */
const command = (args: string[], env: NodeJS.ProcessEnv, existingStateDir?: string) => {
  const stateDir = existingStateDir ?? mkdtempSync(join(tmpdir(), 'platform-runtime-'));
  const child = spawn(tsx, [cli, ...args], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      PATH: `${join(repositoryRoot, 'node_modules/.bin')}:${process.env.PATH}`,
      IDENTITY_PORT: '0',
      PAYMENTS_PORT: '0',
      DYNAMODB_PORT: '0',
      SOCIAL_SECURITY_PORT: '0',
      HOUSING_FUND_PORT: '0',
      LOCAL_STATE_DIR: stateDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // Everything the runtime prints is kept for the log scan (`npm run scan:logs`).
  const logFile = join(TEST_LOGS, `runtime-${Date.now()}-${child.pid}.log`);
  const keep = (chunk: Buffer) => {
    // Another test run starting meanwhile empties the folder; recreate it rather than crash this run.
    mkdirSync(TEST_LOGS, { recursive: true });
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    keep(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    keep(chunk);
  });
  return { child, stateDir, out: () => stdout, err: () => stderr };
};

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
  });

/** Runs the local runtime to completion (for start-up failures); kills it after `timeoutMs`. */
export const runLocalRuntime = async (
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<RunResult> => {
  const { child, stateDir, out, err } = command(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  rmSync(stateDir, { recursive: true, force: true });
  return { code, stdout: out(), stderr: err() };
};

export interface StartOptions {
  /** Reuse this state folder (keys, DynamoDB data) and keep it when stopped, to restart on the same state. */
  readonly stateDir?: string;
  /** Return as soon as the endpoints are printed, without waiting for the identity provider's first answer. */
  readonly skipIdentityWarmUp?: boolean;
}

/**
 * The identity provider's first request loads its function cold; on a loaded machine that can outlast the local
 * gateway's 15 s limit and answer 503. Tests start once its discovery document answers, so that their own first
 * request is never that one. Any status but 200 (and a refused or timed-out connection) is retried until `deadline`.
 */
const untilIdentityAnswers = async (identityUrl: string, deadline: number): Promise<void> => {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${identityUrl}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(Math.max(1_000, deadline - Date.now())),
      });
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`the identity provider did not serve its discovery document in time (last: ${last})`);
};

/** Starts the local runtime and resolves once it has printed its endpoints and the identity provider answers. */
export const startLocalRuntime = async (
  args: string[] = ['--in-memory'],
  env: NodeJS.ProcessEnv = {},
  options: StartOptions = {},
): Promise<RuntimeProcess> => {
  const { child, stateDir, out, err } = command(args, env, options.stateDir);
  const deadline = Date.now() + 90_000;
  while (!out().includes('Platform running')) {
    if (child.exitCode !== null) throw new Error(`local runtime exited with ${child.exitCode}: ${err()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`local runtime did not start in time: ${out()} ${err()}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const endpoints = JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8')) as LocalEndpoints;
  if (!options.skipIdentityWarmUp) {
    try {
      await untilIdentityAnswers(endpoints.identity, Date.now() + 120_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${out()}${err()}`);
    }
  }
  return {
    child,
    endpoints,
    stateDir,
    output: () => `${out()}${err()}`,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited(child);
      clearTimeout(timer);
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
      return code;
    },
  };
};

export const nodeOnlyPath = (): string => dirname(process.execPath);

/**
 * The local gateway answers 503 when a function does not answer within its timeout, which a cold start on a loaded
 * machine can exceed. Repeats an idempotent request while it gets that 503 (until `timeoutMs`) and returns the first
 * other answer (or the last 503).
 */
export const untilWarm = async (request: () => Promise<Response>, timeoutMs = 90_000): Promise<Response> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request();
    if (response.status !== 503 || Date.now() > deadline) return response;
    await response.body?.cancel();
  }
};
