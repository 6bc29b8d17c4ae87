import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { FunctionHost } from './function-host.ts';
import type { LocalQueue } from './local-queues.ts';

export interface QueuePollerOptions {
  readonly queue: LocalQueue;
  readonly host: FunctionHost;
  readonly batchSize: number;
  readonly log: (line: string) => void;
  /** How often an idle poller looks again (it also wakes on every send). */
  readonly idleMs?: number;
}

const isBatchResponse = (value: unknown): value is SQSBatchResponse =>
  typeof value === 'object' && value !== null && Array.isArray((value as SQSBatchResponse).batchItemFailures);

/**
 * Lambda's SQS event source, locally: receives up to `batchSize` messages, invokes the consumer with the same
 * `Records[]` event Lambda sends, deletes what succeeded and leaves the rest to come back after the visibility
 * timeout. With `reportBatchItemFailures` (the platform always sets it) only the listed messages are failures; a
 * function error or timeout fails the whole batch. Returns a function that stops it.
 */
export const pollQueue = (options: QueuePollerOptions): (() => void) => {
  const { queue, host, batchSize, log } = options;
  const arn = `arn:aws:sqs:local:000000000000:${queue.name}`;
  let stopped = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const tick = async () => {
    if (stopped || running) return;
    running = true;
    try {
      const messages = queue.receive(batchSize);
      if (messages.length > 0) {
        const event: SQSEvent = {
          Records: messages.map((message) => ({
            messageId: message.messageId,
            receiptHandle: message.receiptHandle as string,
            body: message.body,
            attributes: {
              ApproximateReceiveCount: String(message.receiveCount),
              SentTimestamp: String(message.sentAt),
              SenderId: 'local',
              ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
            },
            messageAttributes: {},
            md5OfBody: message.md5OfBody,
            eventSource: 'aws:sqs',
            eventSourceARN: arn,
            awsRegion: 'local',
          })),
        };
        let failed = new Set(messages.map((message) => message.messageId));
        try {
          const result = await host.invoke(event);
          failed = new Set(isBatchResponse(result) ? result.batchItemFailures.map((item) => item.itemIdentifier) : []);
        } catch (error) {
          log(
            `[${host.definition.id}] batch of ${messages.length} from ${queue.name} failed: ${(error as Error).message}`,
          );
        }
        for (const message of messages)
          if (!failed.has(message.messageId)) queue.delete(message.receiptHandle as string);
      }
    } finally {
      running = false;
    }
    const next = queue.nextVisibleAt();
    schedule(
      next === undefined
        ? (options.idleMs ?? 1_000)
        : Math.max(0, Math.min(next - Date.now(), options.idleMs ?? 1_000)),
    );
  };

  const unsubscribe = queue.onSend(() => schedule(0));
  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
};
