import { existsSync } from 'node:fs';
import type { FunctionDefinition, StageSettings } from '@platform/topology';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cdkBundling } from './bundling.ts';
import { MissingEntryError } from './configuration-errors.ts';
import type { PlatformTable } from './platform-table.ts';
import { fromRepoRoot, REPO_ROOT, ROOT_LOCK_FILE } from './repo-root.ts';
import { logRetentionOf, removalPolicyOf } from './stage-policies.ts';

export interface TableAccess {
  readonly table: PlatformTable;
  readonly access: 'read' | 'readWrite';
}

export interface PlatformFunctionProps {
  readonly definition: FunctionDefinition;
  readonly stage: StageSettings;
  /** The tables the definition names, resolved to this stack's tables. */
  readonly tables: readonly TableAccess[];
  /** What the stack tells the function besides its tables: public URLs, ARNs of its secrets and keys. */
  readonly environment?: Readonly<Record<string, string>>;
}

export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/**
 * One Lambda function of the topology with the project's defaults: Node.js 24 on arm64, ESM bundle with source
 * maps, its own log group, active tracing, and a role holding only what the definition asks for.
 */
export class PlatformFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const { definition, stage, tables, environment = {} } = props;
    this.definition = definition;
    const entry = fromRepoRoot(definition.entry);
    if (!existsSync(entry)) throw new MissingEntryError(definition);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: logRetentionOf(stage),
      removalPolicy: removalPolicyOf(stage),
    });

    // Our own role instead of the default one, which carries the AWSLambdaBasicExecutionRole managed policy
    // (logs:CreateLogGroup and writes to every log group of the account): this one may write to its own log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${definition.id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: definition.description,
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: ROOT_LOCK_FILE,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      bundling: cdkBundling,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...definition.environment,
        ...environment,
        ...Object.fromEntries(tables.map(({ table }) => [table.definition.environmentVariable, table.tableName])),
      },
    });

    this.enableTracing();
    for (const { table, access } of tables) this.grantTable(table, access);
  }

  /**
   * Active X-Ray tracing, with the X-Ray permissions in a policy of their own: they need `Resource: *`, and keeping
   * them apart lets the acknowledgement of that wildcard cover these two actions and nothing granted later.
   */
  private enableTracing(): void {
    const tracing = new Policy(this, 'TracingPolicy', {
      roles: [this.role],
      statements: [
        new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      ],
    });
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
    this.function.node.addDependency(tracing);
    Validations.of(tracing).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; AWS requires ' +
        'Resource "*" for them. This policy holds nothing else.',
    });
    if (this.definition.schedule) this.runOnSchedule(this.definition.schedule);
  }

  /** The same timer the local runtime runs (`packages/local-runtime/src/local-scheduler.ts`), as an EventBridge rule. */
  private runOnSchedule(schedule: NonNullable<FunctionDefinition['schedule']>): void {
    const { cron } = schedule;
    new Rule(this, 'Schedule', {
      description: cron
        ? `Runs ${this.definition.id} daily at ${String(cron.hour).padStart(2, '0')}:${String(cron.minute).padStart(2, '0')} UTC`
        : `Runs ${this.definition.id} every ${schedule.everyMinutes} minute(s)`,
      schedule: cron
        ? Schedule.cron({ minute: String(cron.minute), hour: String(cron.hour) })
        : Schedule.rate(Duration.minutes(schedule.everyMinutes)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 0 })],
    });
  }

  private grantTable(table: PlatformTable, access: TableAccess['access']): void {
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    if (table.definition.globalIndexes.length === 0) return;

    // The grant covers `<table ARN>/index/*`: this table's own global indexes, which Query needs and whose ARNs
    // CloudFormation does not expose one by one.
    const policy = this.role.node.findChild('DefaultPolicy');
    const tableLogicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason: `Queries on the global indexes (${table.definition.globalIndexes.map((index) => index.name).join(', ')}) of the ${table.definition.id} table, and of no other table.`,
    });
  }
}
