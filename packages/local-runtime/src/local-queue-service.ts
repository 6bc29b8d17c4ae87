import type { Server } from 'node:http';
import { deadLetterQueueName, type FunctionDefinition, QUEUES, type QueueDefinition } from '@platform/topology';
import type { FunctionHost } from './function-host.ts';
import { LocalQueue } from './local-queues.ts';
import { pollQueue } from './queue-poller.ts';
import { createSqsServer, LOCAL_ACCOUNT_ID } from './sqs-server.ts';

export interface RunningLocalQueues {
  /** `SQS_ENDPOINT` of the functions. */
  readonly endpoint: string;
  /** Queue URLs by queue name (`department-events`, `department-events-dlq`). */
  readonly urls: Record<string, string>;
  /** Queue URL variables of one function: producers get the queue, the consumer the queue and its DLQ. */
  environmentOf(definition: FunctionDefinition): Record<string, string>;
  /** Starts a poller for a function with a queue trigger (no-op otherwise). */
  startConsumer(host: FunctionHost, log: (line: string) => void): void;
  stop(): Promise<void>;
}

/**
 * The topology's queues (`QUEUES`) on one loopback SQS-compatible server, for the functions' own SQS clients, and
 * their consumers fed by pollers, as Lambda's event sources feed them in AWS.
 */
export const startLocalQueues = async (): Promise<RunningLocalQueues> => {
  const queues = new Map<string, LocalQueue>();
  const definitions = Object.values(QUEUES) as QueueDefinition[];
  for (const definition of definitions) {
    const deadLetter = new LocalQueue({
      name: deadLetterQueueName(definition),
      visibilityTimeoutSeconds: definition.visibilityTimeoutSeconds,
    });
    queues.set(deadLetter.name, deadLetter);
    queues.set(
      definition.id,
      new LocalQueue({
        name: definition.id,
        visibilityTimeoutSeconds: definition.visibilityTimeoutSeconds,
        maxReceiveCount: definition.maxReceiveCount,
        deadLetter,
      }),
    );
  }
  const server: Server = createSqsServer(queues);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const urls = Object.fromEntries([...queues.keys()].map((name) => [name, `${endpoint}/${LOCAL_ACCOUNT_ID}/${name}`]));
  const pollers: (() => void)[] = [];

  return {
    endpoint,
    urls,
    environmentOf: (fn) => {
      const environment: Record<string, string> = {};
      for (const definition of definitions) {
        const consumes = fn.queue?.queue === definition.id;
        if (!consumes && !definition.producers.includes(fn.id)) continue;
        environment.SQS_ENDPOINT = endpoint;
        environment[definition.environmentVariable] = urls[definition.id] as string;
        if (consumes)
          environment[definition.deadLetterEnvironmentVariable] = urls[deadLetterQueueName(definition)] as string;
      }
      return environment;
    },
    startConsumer: (host, log) => {
      const trigger = host.definition.queue;
      const queue = trigger ? queues.get(trigger.queue) : undefined;
      if (trigger && queue) pollers.push(pollQueue({ queue, host, batchSize: trigger.batchSize, log }));
    },
    stop: async () => {
      for (const stopPolling of pollers) stopPolling();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
