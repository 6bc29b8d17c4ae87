import { type BoundedContext, deadLetterQueueName, queuesOf, type StageSettings } from '@platform/topology';
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OperationalAlarms } from './operational-alarms.ts';
import type { PlatformFunction } from './platform-function.ts';
import { removalPolicyOf } from './stage-policies.ts';

export interface ContextQueuesProps {
  readonly context: BoundedContext;
  readonly stage: StageSettings;
  /** The context's functions: the consumer and producers named by the topology are found among them. */
  readonly functions: readonly PlatformFunction[];
  /** The stack's alarms: the dead-letter alarm notifies their topic (the consumer's errors are alarmed there). */
  readonly alarms: OperationalAlarms;
}

export class MissingQueueFunctionError extends Error {
  constructor(queue: string, functionId: string, role: 'consumer' | 'producer') {
    super(`Queue ${queue} names ${role} ${functionId}, which is not a function of its context (packages/topology).`);
    this.name = 'MissingQueueFunctionError';
  }
}

const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

/**
 * The context's queues from the topology (`QUEUES`): each with a dead-letter queue (both encrypted with SQS-managed
 * keys and refusing plain HTTP), the consumer's event source mapping with partial batch responses, and the least
 * grants — the consumer receives and deletes on the queue and sends to it (scheduled retries) and to the
 * dead-letter queue (a delivery's last failure); producers only send to the queue. One alarm: any message in the
 * dead-letter queue, notifying the stack's alarm topic (the consumer's errors are among every function's alarms).
 */
export class ContextQueues extends Construct {
  readonly queues = new Map<string, { queue: Queue; deadLetterQueue: Queue }>();

  constructor(scope: Construct, id: string, props: ContextQueuesProps) {
    super(scope, id);
    const byId = new Map(props.functions.map((fn) => [fn.definition.id, fn]));
    for (const definition of queuesOf(props.context)) {
      const name = pascal(definition.id);
      const deadLetterQueue = new Queue(this, `${name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: removalPolicyOf(props.stage),
      });
      Validations.of(deadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This is the dead-letter queue of ${definition.id} (${deadLetterQueueName(definition)}); it has none itself.`,
      });
      const queue = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
        removalPolicy: removalPolicyOf(props.stage),
      });
      this.queues.set(definition.id, { queue, deadLetterQueue });

      const consumer = props.functions.find((fn) => fn.definition.queue?.queue === definition.id);
      if (!consumer) throw new MissingQueueFunctionError(definition.id, '(none)', 'consumer');
      consumer.function.addEventSource(
        new SqsEventSource(queue, {
          batchSize: consumer.definition.queue?.batchSize ?? 10,
          reportBatchItemFailures: true,
        }),
      );
      queue.grantSendMessages(consumer.function);
      deadLetterQueue.grantSendMessages(consumer.function);
      consumer.function.addEnvironment(definition.environmentVariable, queue.queueUrl);
      consumer.function.addEnvironment(definition.deadLetterEnvironmentVariable, deadLetterQueue.queueUrl);

      for (const producerId of definition.producers) {
        const producer = byId.get(producerId);
        if (!producer) throw new MissingQueueFunctionError(definition.id, producerId, 'producer');
        queue.grantSendMessages(producer.function);
        producer.function.addEnvironment(definition.environmentVariable, queue.queueUrl);
      }

      props.alarms.notify(
        new Alarm(this, `${name}DeadLettersAlarm`, {
          alarmDescription: `Messages in the dead-letter queue of ${definition.id}: deliveries failed after their last attempt, or a message the consumer kept failing on.`,
          metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(1),
            statistic: 'Maximum',
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }
}
