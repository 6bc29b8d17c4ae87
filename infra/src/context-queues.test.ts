import { QUEUES } from '@platform/topology';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './build-app.ts';
import type { PaymentsStack } from './payments-stack.ts';

/** The department-events queue as the payments stack deploys it from the topology. */
describe('department-events queue (dev)', () => {
  let template: Template;
  let stack: PaymentsStack;

  beforeAll(() => {
    stack = buildApp('dev', { bundle: false }).payments as PaymentsStack;
    template = Template.fromStack(stack);
  });

  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as Parameters<typeof stack.getLogicalId>[0]);

  it('encrypts both queues, refuses plain HTTP, and redrives to the DLQ after maxReceiveCount receives', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    for (const queue of Object.values(template.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
    const { queue, deadLetterQueue } = stack.queues.queues.get('department-events') ?? {};
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: QUEUES['department-events'].visibilityTimeoutSeconds,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(deadLetterQueue as never), 'Arn'] },
        maxReceiveCount: QUEUES['department-events'].maxReceiveCount,
      },
    });
    template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      },
      2,
    );
    expect(queue).toBeDefined();
  });

  it('feeds the consumer with partial batch responses, and alarms on the DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // One dead-letter alarm per queue, notifying the stack's alarm topic; the consumer's errors are alarmed with
    // every function's (operational-alarms.test.ts).
    template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: logicalId(stack.alarms.topic as never) }],
      },
      1,
    );
  });

  it('tells producers the queue URL and lets them send, and nothing more; the consumer also gets the DLQ', () => {
    const functions = new Map(stack.functions.map((fn) => [fn.definition.id, fn]));
    const variables = (id: string) =>
      Object.keys(
        (
          template.toJSON().Resources[logicalId(functions.get(id)?.function as never)] as {
            Properties: { Environment: { Variables: Record<string, unknown> } };
          }
        ).Properties.Environment.Variables,
      );
    for (const producer of QUEUES['department-events'].producers) {
      expect(variables(producer)).toContain('DEPARTMENT_EVENTS_QUEUE_URL');
      expect(variables(producer)).not.toContain('DEPARTMENT_EVENTS_DLQ_URL');
    }
    expect(variables('payments-webhooks')).toEqual(
      expect.arrayContaining(['DEPARTMENT_EVENTS_QUEUE_URL', 'DEPARTMENT_EVENTS_DLQ_URL']),
    );
    expect(variables('payments-health')).not.toContain('DEPARTMENT_EVENTS_QUEUE_URL');
    const sendStatements = JSON.stringify(template.findResources('AWS::IAM::Policy')).match(/sqs:SendMessage/g) ?? [];
    // Producers on the queue, the consumer on the queue and on the DLQ.
    expect(sendStatements.length).toBe(QUEUES['department-events'].producers.length + 2);
  });
});
