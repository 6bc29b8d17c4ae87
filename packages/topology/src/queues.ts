import type { BoundedContext } from './contexts.ts';

/**
 * Every SQS queue of the platform, described once: the CDK stacks build each queue, its dead-letter queue, the
 * consumer's event source mapping and the producers' send grants from these; the local runtime serves the same
 * queues from its SQS-compatible server and polls them into the consumer exactly as Lambda's event source would.
 *
 * The consumer is the function whose definition names the queue in `queue` (`functions.ts`); `producers` are the
 * functions that send to it (they get `environmentVariable` and `sqs:SendMessage`).
 */
export interface QueueDefinition {
  readonly id: string;
  readonly context: BoundedContext;
  readonly description: string;
  /** At least six times the consumer's timeout (AWS's advice for Lambda event sources). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the dead-letter queue (a consumer that keeps failing on it). */
  readonly maxReceiveCount: number;
  /** Environment variable holding the queue's URL. */
  readonly environmentVariable: string;
  /** Environment variable holding the dead-letter queue's URL (given to the consumer only). */
  readonly deadLetterEnvironmentVariable: string;
  /** Function ids that send messages to the queue. */
  readonly producers: readonly string[];
}

export const QUEUES = {
  'department-events': {
    id: 'department-events',
    context: 'payments',
    description:
      'Events for collecting departments (notice paid, cancelled…) and the scheduled retries of their webhook deliveries',
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    environmentVariable: 'DEPARTMENT_EVENTS_QUEUE_URL',
    deadLetterEnvironmentVariable: 'DEPARTMENT_EVENTS_DLQ_URL',
    // payments-refunds: `refund.succeeded` / `refund.failed` when its scheduled resume runs a refund's hooks.
    // payments-finance: the same refund events when a second approval executes a refund from the console.
    producers: ['payments-api', 'payments-checkout', 'payments-sweeper', 'payments-refunds', 'payments-finance'],
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueId = keyof typeof QUEUES;

/** A function triggered by a queue: Lambda's event source mapping, or the local runtime's poller. */
export interface QueueTrigger {
  readonly queue: QueueId;
  /** Messages per invocation (1–10). */
  readonly batchSize: number;
}

export const queuesOf = (context: BoundedContext): QueueDefinition[] =>
  Object.values(QUEUES).filter((queue) => queue.context === context);

/** Local queue names (no stage needed: each local runtime has its own server). */
export const deadLetterQueueName = (queue: QueueDefinition): string => `${queue.id}-dlq`;
