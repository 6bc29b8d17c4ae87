import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const READY_PREFIX = 'BENCH_READY ';
export const CPU_PATH = '/_bench/cpu';

const repositoryRoot = resolve(import.meta.dirname, '../..');
const serverScript = resolve(import.meta.dirname, 'identity-provider-server.ts');

export type ProviderMode = 'platform' | 'bare';

export interface ProviderProcess {
  readonly issuer: string;
  readonly pid: number;
  /** CPU time (user + system) the provider process has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  /** The process's output so far (its log lines), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });

/**
 * Starts `identity-provider-server.ts <mode>` in its own Node process (the benchmark's Node, with tsx as a loader
 * rather than tsx's launcher, so that the process we measure and kill is the provider itself). `BENCH_CPU_PROF=<dir>`
 * in the benchmark's environment makes it write a V8 CPU profile there when stopped.
 */
export const startProviderProcess = async (mode: ProviderMode, env: NodeJS.ProcessEnv): Promise<ProviderProcess> => {
  const profile = process.env.BENCH_CPU_PROF
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`,
        `--cpu-prof-name=identity-${mode}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', serverScript, mode], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    // stdin stays open for the provider's life: if this process dies, the provider sees it close and exits.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = `${output}${chunk.toString()}`.slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(timer);
  };

  try {
    const issuer = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`${mode} provider did not start in 60 s: ${output}`)), 60_000);
      const check = () => {
        const line = output.split('\n').find((candidate) => candidate.startsWith(READY_PREFIX));
        if (!line) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        ready(line.slice(READY_PREFIX.length).trim());
      };
      child.stdout?.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`${mode} provider exited (${code ?? signal}) before it was ready: ${output}`));
      });
    });
    return {
      issuer,
      pid: child.pid as number,
      cpuMs: async () => {
        const response = await fetch(`${issuer}${CPU_PATH}`);
        const usage = (await response.json()) as NodeJS.CpuUsage;
        return (usage.user + usage.system) / 1000;
      },
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
