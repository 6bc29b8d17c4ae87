import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BoundedContext,
  CONTEXTS,
  FUNCTIONS,
  type FunctionDefinition,
  functionsOf,
  QUEUES,
  STAGES,
  TABLES,
  type TableDefinition,
  tablesOf,
} from '@platform/topology';
import { type CfnElement, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PlatformApp } from './build-app.ts';
import { REQUIRE_BANNER } from './bundling.ts';
import type { ContextStack } from './context-stack.ts';
import { needsOf, publicUrlEnvironment } from './function-resources.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** DynamoDB actions that read; a `read` grant holds nothing else. */
const READ_ACTIONS = new Set(
  [
    'BatchGetItem',
    'ConditionCheckItem',
    'DescribeTable',
    'GetItem',
    'GetRecords',
    'GetShardIterator',
    'Query',
    'Scan',
  ].map((action) => `dynamodb:${action}`),
);

const DEFINITIONS: readonly FunctionDefinition[] = FUNCTIONS;

const logicalIdsIn = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/"Fn::GetAtt":\["([^"]+)","Arn"\]/g)].map((match) => match[1] ?? '');

describe('the dev app', () => {
  let platform: PlatformApp;
  let assemblyDir: string;
  const templates = {} as Record<BoundedContext, Template>;

  const stackOf = (context: BoundedContext): ContextStack => platform[context];
  const resourcesOf = (context: BoundedContext): Record<string, Resource> =>
    templates[context].toJSON().Resources as Record<string, Resource>;
  const logicalIdOf = (context: BoundedContext, construct: IConstruct): string =>
    stackOf(context).getLogicalId(construct.node.defaultChild as CfnElement);
  const functionOf = (definition: FunctionDefinition) => {
    const found = stackOf(definition.context).functions.find((fn) => fn.definition.id === definition.id);
    if (!found) throw new Error(`${definition.id} is not deployed`);
    return found;
  };
  const tableOf = (definition: TableDefinition) => {
    const found = stackOf(definition.context).tables.get(definition.id);
    if (!found) throw new Error(`${definition.id} is not deployed`);
    return found;
  };

  beforeAll(() => {
    platform = buildApp('dev');
    for (const context of CONTEXTS) templates[context] = Template.fromStack(platform[context]);
    assemblyDir = platform.app.synth().directory;
  });

  it('deploys every function of the topology: Node.js 24 on arm64, ESM bundle, tracing, its environment', () => {
    for (const context of CONTEXTS) {
      templates[context].resourceCountIs('AWS::Lambda::Function', functionsOf(context).length);
    }
    for (const definition of DEFINITIONS) {
      const fn = functionOf(definition);
      const properties = resourcesOf(definition.context)[logicalIdOf(definition.context, fn.function)]?.Properties;
      const tableVariables = Object.fromEntries(
        definition.tables.map(({ table }) => [
          TABLES[table].environmentVariable,
          { Ref: logicalIdOf(definition.context, tableOf(TABLES[table])) },
        ]),
      );
      expect(properties, definition.id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: logicalIdOf(definition.context, fn.logGroup) } },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            ...definition.environment,
            ...publicUrlEnvironment(platform.deployment),
            ...tableVariables,
          },
        },
      });

      // The staged asset is what Lambda runs: one ESM file with its source map, `require` defined by the banner.
      const code = properties?.Code as { S3Key?: string } | undefined;
      const assetHash = String(code?.S3Key).replace(/\.zip$/, '');
      const bundle = join(assemblyDir, `asset.${assetHash}`, 'index.mjs');
      expect(readFileSync(bundle, 'utf8').startsWith(REQUIRE_BANNER), definition.id).toBe(true);
      expect(existsSync(`${bundle}.map`), definition.id).toBe(true);
    }
  });

  it('runs every scheduled function on an EventBridge rule at its rate, and nothing else on a schedule', () => {
    for (const context of CONTEXTS) {
      const scheduled = functionsOf(context).filter((definition) => definition.schedule);
      templates[context].resourceCountIs('AWS::Events::Rule', scheduled.length);
      for (const definition of scheduled) {
        const minutes = definition.schedule?.everyMinutes ?? 0;
        const cron = definition.schedule?.cron;
        templates[context].hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: cron
            ? `cron(${cron.minute} ${cron.hour} * * ? *)`
            : `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
          Targets: [
            Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(context, functionOf(definition).function), 'Arn'] } }),
          ],
        });
      }
    }
  });

  it('builds each table exactly as the topology defines it, in its own context only', () => {
    for (const context of CONTEXTS) {
      templates[context].resourceCountIs('AWS::DynamoDB::GlobalTable', tablesOf(context).length);
    }
    for (const definition of Object.values(TABLES) as TableDefinition[]) {
      const keySchema = (partition: { name: string }, sort?: { name: string }) => [
        { AttributeName: partition.name, KeyType: 'HASH' },
        ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
      ];
      const table = resourcesOf(definition.context)[logicalIdOf(definition.context, tableOf(definition))];
      expect(table?.DeletionPolicy, definition.id).toBe('Delete');
      expect(table?.Properties, definition.id).toEqual({
        KeySchema: keySchema(definition.partitionKey, definition.sortKey),
        AttributeDefinitions: expect.arrayContaining([
          { AttributeName: definition.partitionKey.name, AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
        ...(definition.timeToLiveAttribute
          ? { TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true } }
          : {}),
        ...(definition.stream ? { StreamSpecification: { StreamViewType: definition.stream } } : {}),
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          expect.objectContaining({
            DeletionProtectionEnabled: false,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      });
    }
  });

  it('routes every topology route to the function that serves it, behind a logged and throttled stage', () => {
    for (const context of CONTEXTS) {
      const routes = functionsOf(context).flatMap((definition) => definition.routes);
      templates[context].resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
      templates[context].hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      });
    }
    for (const definition of DEFINITIONS) {
      const resources = resourcesOf(definition.context);
      for (const route of definition.routes) {
        const routeKey = `${route.method} ${route.path}`;
        const found = Object.values(resources).find(
          (resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKey,
        );
        expect(found, `${definition.context}: ${routeKey}`).toBeDefined();
        const integrationId = JSON.stringify(found?.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
        expect(resources[integrationId]?.Properties.IntegrationUri, routeKey).toEqual({
          'Fn::GetAtt': [logicalIdOf(definition.context, functionOf(definition).function), 'Arn'],
        });
      }
    }
  });

  it('grants each function only the table access its definition names, and no managed policy', () => {
    for (const definition of DEFINITIONS) {
      const fn = functionOf(definition);
      const resources = resourcesOf(definition.context);
      const roleId = logicalIdOf(definition.context, fn.role);
      expect(resources[roleId]?.Properties.ManagedPolicyArns, definition.id).toBeUndefined();

      const statements = Object.values(resources)
        .filter((resource) => resource.Type === 'AWS::IAM::Policy')
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
        .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
      const dataStatements = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));

      const granted = new Map(
        definition.tables.map(({ table, access }) => [logicalIdOf(definition.context, tableOf(TABLES[table])), access]),
      );
      expect(new Set(dataStatements.flatMap((statement) => logicalIdsIn(statement.Resource)))).toEqual(
        new Set(granted.keys()),
      );
      for (const statement of dataStatements) {
        const [tableId] = logicalIdsIn(statement.Resource);
        if (granted.get(tableId ?? '') !== 'read') continue;
        for (const action of [statement.Action].flat() as string[]) {
          expect(READ_ACTIONS.has(action), `${definition.id} may ${action}`).toBe(true);
        }
      }
      // Everything else: writing to its own log group, X-Ray, and what its needs grant (function-resources.test.ts
      // checks the resources and conditions of those).
      const needs = needsOf(definition);
      const readsSecrets = Boolean(
        needs.signingKeys ||
          needs.identitySecrets ||
          needs.sms ||
          needs.receiptKeys ||
          needs.paymentsSecrets ||
          needs.payerSignIn ||
          needs.financeSignIn ||
          needs.channels ||
          needs.enterpriseCa ||
          needs.realName,
      );
      const queueStatements = statements.filter((statement) => JSON.stringify(statement.Action).includes('sqs:'));
      const otherActions = statements.filter(
        (statement) => !dataStatements.includes(statement) && !queueStatements.includes(statement),
      );
      // Queues (topology QUEUES): producers and the consumer send; the consumer also receives and deletes.
      const consumes = Boolean((definition as FunctionDefinition).queue);
      const sends =
        consumes ||
        Object.values(QUEUES).some((queue) => (queue.producers as readonly string[]).includes(definition.id));
      expect(new Set(queueStatements.flatMap((statement) => [statement.Action].flat())), definition.id).toEqual(
        new Set([
          ...(sends ? ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] : []),
          ...(consumes ? ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage'] : []),
        ]),
      );
      expect(otherActions.flatMap((statement) => [statement.Action].flat()).sort(), definition.id).toEqual(
        [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
          ...(readsSecrets ? ['secretsmanager:GetSecretValue', 'kms:Decrypt'] : []),
          ...(needs.personalData?.length ? ['kms:GenerateDataKey', 'kms:Decrypt'] : []),
          ...(needs.statementsBucket ? ['s3:GetObject', 's3:PutObject'] : []),
          ...(needs.reportExports ? ['s3:GetObject', 's3:PutObject'] : []),
        ].sort(),
      );
    }
  });

  it('keeps function and access logs as long as the dev stage says', () => {
    for (const context of CONTEXTS) {
      const logGroups = templates[context].findResources('AWS::Logs::LogGroup');
      expect(Object.keys(logGroups)).toHaveLength(functionsOf(context).length + 1);
      for (const logGroup of Object.values(logGroups)) {
        expect(logGroup.Properties.RetentionInDays).toBe(STAGES.dev?.logRetentionDays);
      }
    }
  });

  it('passes the cdk-nag AwsSolutions checks, every acknowledgement with a written reason', () => {
    // cdk-nag 3 reports through CDK's policy-validation plugin, so the plugin's own report is the real gate
    // (errors also fail synth; warnings do not, hence this test).
    const report = new AwsSolutionsChecks().validateScope(platform.app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);

    // Nothing must reach the stacks' annotations either (where cdk-nag 2 and CDK itself report).
    for (const context of CONTEXTS) {
      const annotations = Annotations.fromStack(platform[context]);
      expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
      expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    }

    const acknowledgements = platform.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) expect(reason.length, id).toBeGreaterThan(40);
  });
});
