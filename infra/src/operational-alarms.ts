import type { StageSettings } from '@platform/topology';
import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DEFAULT_TIMEOUT_SECONDS, type PlatformFunction } from './platform-function.ts';
import type { PlatformHttpApi } from './platform-http-api.ts';
import type { PlatformTable } from './platform-table.ts';
import { removalPolicyOf } from './stage-policies.ts';

export interface OperationalAlarmsProps {
  readonly stage: StageSettings;
  readonly functions: readonly PlatformFunction[];
  readonly api: PlatformHttpApi;
  readonly tables: readonly PlatformTable[];
}

/** Thresholds, exported so that the tests and infra/README.md state the same numbers. */
export const ALARM_THRESHOLDS = {
  /** Any error or throttle of a function in five minutes. */
  periodMinutes: 5,
  /** p99 duration above this share of the function's timeout: the next step is timeouts. */
  durationShareOfTimeout: 0.8,
  /** Share of 5xx answers of an HTTP API in five minutes, in percent… */
  serverErrorPercent: 1,
  /** …counted only from this many requests on, so that one 5xx at night is not "100 %". */
  serverErrorMinimumRequests: 20,
} as const;

/**
 * The operations our functions use: the alarm sums one metric per operation, and CloudWatch takes at most ten
 * metrics in one alarm expression.
 */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());

/**
 * The alarms of a context stack and the one SNS topic they notify (on alarm and on recovery): every function's
 * errors, throttles and p99 duration against its timeout, the HTTP API's share of 5xx answers, the tables' throttled
 * requests and system errors. Other constructs (the queues' dead-letter alarms) notify the same topic through
 * `notify`. Operators subscribe to the topic (infra/README.md); the stack subscribes no one, so no address is in it.
 *
 * The topic is encrypted with a key of its own, which CloudWatch may use (it encrypts what it publishes), and
 * refuses anything but TLS.
 */
export class OperationalAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly #action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    const { stage } = props;
    this.key = new Key(this, 'TopicKey', {
      description: `Encrypts the alarm notifications of ${Stack.of(this).stackName}, stage ${stage.name}`,
      enableKeyRotation: true,
      removalPolicy: removalPolicyOf(stage),
    });
    // CloudWatch publishes alarm state changes to the encrypted topic: it needs a data key under this key.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `Alarms of ${Stack.of(this).stackName}`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // A topic policy replaces the default one, so CloudWatch's right to publish is stated here.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.#action = new SnsAction(this.topic);

    for (const platformFunction of props.functions) this.#functionAlarms(platformFunction);
    this.#apiAlarms(props.api);
    for (const table of props.tables) this.#tableAlarms(table);
  }

  /** Sends the alarm's state changes (alarm and back to OK) to the topic. */
  notify(alarm: Alarm): Alarm {
    alarm.addAlarmAction(this.#action);
    alarm.addOkAction(this.#action);
    return alarm;
  }

  #alarm(id: string, description: string, metric: IMetric, threshold: number): Alarm {
    return this.notify(
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // A function that did not run, a table nobody used: no data is not a failure.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  #functionAlarms(platformFunction: PlatformFunction): void {
    const { definition, function: fn } = platformFunction;
    const name = pascal(definition.id);
    const period = Duration.minutes(ALARM_THRESHOLDS.periodMinutes);
    const timeoutMs = (definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    this.#alarm(
      `${name}Errors`,
      `${definition.id}: invocations that failed (an uncaught error, a timeout, a crash) in ${ALARM_THRESHOLDS.periodMinutes} minutes.`,
      fn.metricErrors({ period, statistic: Stats.SUM }),
      0,
    );
    this.#alarm(
      `${name}Throttles`,
      `${definition.id}: invocations refused for lack of concurrency in ${ALARM_THRESHOLDS.periodMinutes} minutes.`,
      fn.metricThrottles({ period, statistic: Stats.SUM }),
      0,
    );
    this.#alarm(
      `${name}Duration`,
      `${definition.id}: p99 duration above ${ALARM_THRESHOLDS.durationShareOfTimeout * 100} % of its ${timeoutMs / 1000} s timeout.`,
      fn.metricDuration({ period, statistic: Stats.p(99) }),
      Math.round(timeoutMs * ALARM_THRESHOLDS.durationShareOfTimeout),
    );
  }

  #apiAlarms(api: PlatformHttpApi): void {
    const period = Duration.minutes(ALARM_THRESHOLDS.periodMinutes);
    const { serverErrorPercent, serverErrorMinimumRequests } = ALARM_THRESHOLDS;
    this.#alarm(
      'HttpApiServerErrorRate',
      `HTTP API: more than ${serverErrorPercent} % of answers were 5xx in ${ALARM_THRESHOLDS.periodMinutes} minutes (from ${serverErrorMinimumRequests} requests on).`,
      new MathExpression({
        expression: `IF(requests >= ${serverErrorMinimumRequests}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: api.stage.metricServerError({ period, statistic: Stats.SUM }),
          requests: api.stage.metricCount({ period, statistic: Stats.SUM }),
        },
        period,
        label: '5xx %',
      }),
      serverErrorPercent,
    );
  }

  #tableAlarms(table: PlatformTable): void {
    const name = pascal(table.definition.id);
    const period = Duration.minutes(ALARM_THRESHOLDS.periodMinutes);
    // On-demand tables throttle too (a partition's limits, a sudden doubling of traffic).
    this.#alarm(
      `${name}TableThrottles`,
      `Table ${table.definition.id}: throttled read or write requests in ${ALARM_THRESHOLDS.periodMinutes} minutes.`,
      new MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: table.metric('ReadThrottleEvents', { period, statistic: Stats.SUM }),
          writes: table.metric('WriteThrottleEvents', { period, statistic: Stats.SUM }),
        },
        period,
        label: 'throttle events',
      }),
      0,
    );
    this.#alarm(
      `${name}TableSystemErrors`,
      `Table ${table.definition.id}: requests DynamoDB failed with a 5xx in ${ALARM_THRESHOLDS.periodMinutes} minutes.`,
      table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period, statistic: Stats.SUM }),
      0,
    );
  }
}
