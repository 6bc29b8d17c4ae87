import { CONTEXTS, functionsOf, tablesOf } from '@platform/topology';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PlatformApp } from './build-app.ts';
import type { ContextStack } from './context-stack.ts';
import { ALARM_THRESHOLDS } from './operational-alarms.ts';
import { DEFAULT_TIMEOUT_SECONDS } from './platform-function.ts';

type Alarm = { Properties: Record<string, unknown> };

describe.each(CONTEXTS)('operational alarms of the %s stack (dev)', (context) => {
  let stack: ContextStack;
  let template: Template;

  beforeAll(() => {
    const platform: PlatformApp = buildApp('dev', { bundle: false });
    stack = platform[context];
    template = Template.fromStack(stack);
  });

  const ref = (construct: IConstruct) => ({
    Ref: stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement),
  });
  const alarms = (): Alarm[] => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
  const functionRef = (id: string) => {
    const found = stack.functions.find((fn) => fn.definition.id === id);
    if (!found) throw new Error(`${id} is not deployed`);
    return ref(found.function);
  };
  const lambdaAlarm = (id: string, metricName: string): Alarm[] =>
    alarms().filter(
      (alarm) =>
        alarm.Properties.Namespace === 'AWS/Lambda' &&
        alarm.Properties.MetricName === metricName &&
        JSON.stringify(alarm.Properties.Dimensions) ===
          JSON.stringify([{ Name: 'FunctionName', Value: functionRef(id) }]),
    );

  it('has one KMS-encrypted topic refusing plain HTTP, which CloudWatch may publish to and encrypt for', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [stack.getLogicalId(stack.alarms.key.node.defaultChild as CfnElement), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('sends every alarm, on alarm and on recovery, to that topic', () => {
    const topic = ref(stack.alarms.topic);
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.OKActions).toEqual([topic]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('alarms on any error or throttle of every function in five minutes', () => {
    for (const definition of functionsOf(context)) {
      for (const metric of ['Errors', 'Throttles']) {
        const [alarm, ...more] = lambdaAlarm(definition.id, metric);
        expect(more, `${definition.id} ${metric}`).toEqual([]);
        expect(alarm?.Properties, `${definition.id} ${metric}`).toMatchObject({
          Statistic: 'Sum',
          Period: 300,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
        });
      }
    }
  });

  it('alarms when a function’s p99 duration passes 80 % of its own timeout', () => {
    for (const definition of functionsOf(context)) {
      const timeoutMs = (definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
      const [alarm, ...more] = lambdaAlarm(definition.id, 'Duration');
      expect(more).toEqual([]);
      expect(alarm?.Properties, definition.id).toMatchObject({
        ExtendedStatistic: 'p99',
        Period: 300,
        Threshold: timeoutMs * 0.8,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
    expect(ALARM_THRESHOLDS.durationShareOfTimeout).toBe(0.8);
  });

  it('alarms on the HTTP API’s share of 5xx answers, from 20 requests on', () => {
    const [alarm, ...more] = alarms().filter((a) => JSON.stringify(a.Properties.Metrics ?? '').includes('"5xx"'));
    expect(more).toEqual([]);
    const metrics = alarm?.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(JSON.stringify(metrics)).toContain(JSON.stringify({ Name: 'ApiId', Value: ref(stack.api.api) }));
    expect(alarm?.Properties.Threshold).toBe(1);
  });

  it('alarms on throttled requests and system errors of every table', () => {
    for (const definition of tablesOf(context)) {
      const table = stack.tables.get(definition.id) as IConstruct;
      const tableDimension = JSON.stringify({ Name: 'TableName', Value: ref(table) });
      const ofTable = alarms().filter((a) => JSON.stringify(a.Properties.Metrics ?? '').includes(tableDimension));
      const metricNames = (alarm: Alarm) =>
        (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) =>
          m.MetricStat ? [m.MetricStat.Metric.MetricName] : [],
        );
      const throttles = ofTable.filter((a) => metricNames(a).includes('ReadThrottleEvents'));
      const systemErrors = ofTable.filter((a) => metricNames(a).includes('SystemErrors'));
      expect(throttles).toHaveLength(1);
      expect(metricNames(throttles[0] as Alarm).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      expect(systemErrors).toHaveLength(1);
      // CloudWatch takes at most ten metrics in one alarm.
      expect(metricNames(systemErrors[0] as Alarm).length).toBeLessThanOrEqual(10);
      for (const alarm of [...throttles, ...systemErrors]) expect(alarm.Properties.Threshold).toBe(0);
    }
  });

  it('outputs the topic ARN for subscriptions', () => {
    template.hasOutput('AlarmTopicArn', { Value: ref(stack.alarms.topic) });
  });
});
