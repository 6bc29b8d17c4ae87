import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from '@platform/topology';

export class FunctionTimeoutError extends Error {
  constructor(functionId: string, timeoutMs: number) {
    super(`Function ${functionId} did not answer within ${timeoutMs} ms`);
    this.name = 'FunctionTimeoutError';
  }
}

export class FunctionError extends Error {
  constructor(functionId: string, message: string, stack?: string) {
    super(`Function ${functionId} failed: ${message}`);
    this.name = 'FunctionError';
    if (stack) this.stack = stack;
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Runs one deployed function locally in its own worker thread with the environment the stack would give it.
 * The worker loads the handler module from source through tsx, exactly the module the stack bundles.
 */
export class FunctionHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly timeoutMs: number;

  readonly definition: FunctionDefinition;

  constructor(definition: FunctionDefinition, repositoryRoot: string, environment: Record<string, string>) {
    this.definition = definition;
    this.timeoutMs = (definition.timeoutSeconds ?? 10) * 1_000;
    this.worker = new Worker(new URL('./function-worker.ts', import.meta.url), {
      env: { ...process.env, ...environment, ...definition.environment, AWS_LAMBDA_FUNCTION_NAME: definition.id },
      execArgv: ['--import', 'tsx', '--enable-source-maps'],
      workerData: {
        functionId: definition.id,
        entryUrl: pathToFileURL(`${repositoryRoot}/${definition.entry}`).href,
        timeoutMs: this.timeoutMs,
        memorySize: definition.memorySize ?? 512,
      },
    });
    this.worker.on(
      'message',
      ({ id, result, error }: { id: number; result?: unknown; error?: { message: string; stack?: string } }) => {
        const pending = this.pending.get(id);
        if (!pending) return;
        this.pending.delete(id);
        clearTimeout(pending.timer);
        if (error) pending.reject(new FunctionError(definition.id, error.message, error.stack));
        else pending.resolve(result);
      },
    );
    this.worker.on('error', (error) => this.failAll(new FunctionError(definition.id, error.message, error.stack)));
    this.worker.unref();
  }

  invoke(event: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new FunctionTimeoutError(this.definition.id, this.timeoutMs));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, event });
    });
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }

  async stop(): Promise<void> {
    this.failAll(new FunctionError(this.definition.id, 'the local runtime is stopping'));
    await this.worker.terminate();
  }
}
