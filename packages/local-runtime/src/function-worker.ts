import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';

/**
 * One function's execution environment: its own thread, module graph and environment variables, as a Lambda
 * instance has. The handler module is imported once (the cold start) and then invoked per request.
 */
interface WorkerData {
  readonly functionId: string;
  readonly entryUrl: string;
  readonly timeoutMs: number;
  readonly memorySize: number;
}

interface Invocation {
  readonly id: number;
  readonly event: unknown;
}

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('function-worker must run in a worker thread');

const loaded = import(data.entryUrl).then((module: { handler?: unknown }) => {
  if (typeof module.handler !== 'function') throw new Error(`${data.entryUrl} does not export a handler function`);
  return module.handler as (event: unknown, context: Context) => Promise<unknown>;
});

const lambdaContext = (): Context => {
  const deadline = Date.now() + data.timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: data.functionId,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${data.functionId}`,
    memoryLimitInMB: String(data.memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${data.functionId}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
};

port.on('message', async ({ id, event }: Invocation) => {
  try {
    const handler = await loaded;
    const result = await handler(event, lambdaContext());
    port.postMessage({ id, result });
  } catch (error) {
    const failure =
      error instanceof Error
        ? { name: error.name, message: error.message, stack: error.stack }
        : { message: String(error) };
    port.postMessage({ id, error: failure });
  }
});
