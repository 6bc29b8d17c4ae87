import { createHash } from 'node:crypto';
import { type AwsJsonApi, awsServiceClient, LOCAL_CREDENTIALS } from '@platform/aws-json';
import { requiredEnv } from '@platform/dynamodb';
import type { DeliveryAttemptMessage, WebhookQueue, WebhookQueueMessage } from './delivery-queue.ts';
import type { DepartmentEvent, DepartmentEventPublisher } from './department-event.ts';
import { MAXIMUM_QUEUE_DELAY_SECONDS } from './retry-schedule.ts';

/** The queue could not take the message; the caller's trigger must retry. No SDK type leaves. */
export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The department-events queue did not take the message; retry shortly.', { cause });
    this.name = 'QueueUnavailableError';
  }
}

export const QUEUE_VARIABLES = {
  queueUrl: 'DEPARTMENT_EVENTS_QUEUE_URL',
  deadLetterQueueUrl: 'DEPARTMENT_EVENTS_DLQ_URL',
  /** Local only: the local runtime's SQS-compatible server. */
  endpoint: 'SQS_ENDPOINT',
} as const;

export interface SqsWebhookQueueOptions {
  /** SQS's JSON API (`awsServiceClient('sqs')`). */
  readonly client: AwsJsonApi;
  readonly queueUrl: string;
  /** Needed by the consumer only (publishers never park anything). */
  readonly deadLetterQueueUrl?: string;
}

/** The department-events queue on SQS: the publishers' port and the consumer's retry and dead-letter queue. */
export class SqsWebhookQueue implements WebhookQueue, DepartmentEventPublisher {
  readonly #client: AwsJsonApi;
  readonly #queueUrl: string;
  readonly #deadLetterQueueUrl: string | undefined;

  constructor(options: SqsWebhookQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#deadLetterQueueUrl = options.deadLetterQueueUrl;
  }

  publish(event: DepartmentEvent): Promise<void> {
    return this.send({ kind: 'department-event', event });
  }

  send(message: WebhookQueueMessage, delaySeconds = 0): Promise<void> {
    return this.#send(this.#queueUrl, message, Math.min(MAXIMUM_QUEUE_DELAY_SECONDS, Math.max(0, delaySeconds)));
  }

  sendToDeadLetter(message: DeliveryAttemptMessage): Promise<void> {
    if (!this.#deadLetterQueueUrl) {
      throw new Error(`${QUEUE_VARIABLES.deadLetterQueueUrl} is not set: only the webhooks consumer parks deliveries.`);
    }
    return this.#send(this.#deadLetterQueueUrl, message, 0);
  }

  async #send(queueUrl: string, message: WebhookQueueMessage, delaySeconds: number): Promise<void> {
    const body = JSON.stringify(message);
    let answer: Record<string, unknown>;
    try {
      ({ output: answer } = await this.#client.call('SendMessage', {
        QueueUrl: queueUrl,
        MessageBody: body,
        DelaySeconds: delaySeconds,
      }));
    } catch (error) {
      throw new QueueUnavailableError(error);
    }
    // As the SDK checks it: the queue confirms the body it stored, so a message damaged on the way is not lost silently.
    if (answer.MD5OfMessageBody !== createHash('md5').update(body).digest('hex')) {
      throw new QueueUnavailableError(new Error('the queue confirmed another message body (MD5 mismatch)'));
    }
  }
}

/** In Lambda, region and credentials come from the environment; locally `SQS_ENDPOINT` is the local runtime's queue server. */
export const createSqsClient = (env: NodeJS.ProcessEnv = process.env): AwsJsonApi => {
  const endpoint = env[QUEUE_VARIABLES.endpoint];
  return awsServiceClient('sqs', env, endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {});
};

export const sqsWebhookQueueFromEnvironment = (
  env: NodeJS.ProcessEnv = process.env,
  client: AwsJsonApi = createSqsClient(env),
): SqsWebhookQueue => {
  const deadLetterQueueUrl = env[QUEUE_VARIABLES.deadLetterQueueUrl];
  return new SqsWebhookQueue({
    client,
    queueUrl: requiredEnv(QUEUE_VARIABLES.queueUrl, env),
    ...(deadLetterQueueUrl ? { deadLetterQueueUrl } : {}),
  });
};

/**
 * The publisher of a producer function: present wherever its stack (or the local runtime) gives it the queue, as
 * the topology's `producers` list says; absent otherwise, and then nothing is published.
 */
export const departmentEventPublisherFromEnvironment = (
  env: NodeJS.ProcessEnv = process.env,
): DepartmentEventPublisher | undefined =>
  env[QUEUE_VARIABLES.queueUrl] ? sqsWebhookQueueFromEnvironment(env) : undefined;
