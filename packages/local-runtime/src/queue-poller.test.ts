import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { FunctionHost } from './function-host.ts';
import { LocalQueue } from './local-queues.ts';
import { pollQueue } from './queue-poller.ts';

const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((wait) => setTimeout(wait, 10));
};

describe('local SQS event source', () => {
  it('invokes with Records[], deletes successes, keeps batchItemFailures for the visibility timeout', async () => {
    const queue = new LocalQueue({ name: 'events', visibilityTimeoutSeconds: 30 });
    const batches: SQSEvent[] = [];
    const host = {
      definition: { id: 'consumer' },
      invoke: async (event: SQSEvent) => {
        batches.push(event);
        const failed = event.Records.filter((record) => record.body === 'fails');
        return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    } as unknown as FunctionHost;
    queue.send('works');
    queue.send('fails');
    const stop = pollQueue({ queue, host, batchSize: 10, log: () => {} });
    await until(() => batches.length > 0);
    stop();
    expect(batches[0]?.Records.map((record) => [record.body, record.eventSource])).toEqual([
      ['works', 'aws:sqs'],
      ['fails', 'aws:sqs'],
    ]);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  it('fails the whole batch when the function throws', async () => {
    const queue = new LocalQueue({ name: 'events', visibilityTimeoutSeconds: 30 });
    let calls = 0;
    const host = {
      definition: { id: 'consumer' },
      invoke: async () => {
        calls += 1;
        throw new Error('crashed');
      },
    } as unknown as FunctionHost;
    queue.send('a');
    queue.send('b');
    const stop = pollQueue({ queue, host, batchSize: 10, log: () => {} });
    await until(() => calls > 0);
    await new Promise((wait) => setTimeout(wait, 20));
    stop();
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 2, delayed: 0 });
  });
});
