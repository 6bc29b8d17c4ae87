import {
  type BoundedContext,
  type DeploymentSettings,
  type FunctionDefinition,
  functionsOf,
  type StageSettings,
  tablesOf,
} from '@platform/topology';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ForeignTableError } from './configuration-errors.ts';
import { ContextResources } from './context-resources.ts';
import { needsOf, publicUrlEnvironment } from './function-resources.ts';
import { OperationalAlarms } from './operational-alarms.ts';
import { PlatformFunction, type TableAccess } from './platform-function.ts';
import { PlatformHttpApi } from './platform-http-api.ts';
import { PlatformTable } from './platform-table.ts';

export interface StageStackProps extends StackProps {
  readonly stage: StageSettings;
  /** The stage's AWS settings (`stage.deployment`, checked by `buildApp`). */
  readonly deployment: DeploymentSettings;
}

export interface ContextStackProps extends StageStackProps {
  readonly context: BoundedContext;
}

/**
 * Everything one bounded context deploys, read from the topology: its tables, its functions, the secrets and keys
 * they need (`function-resources.ts`) and the HTTP API in front of them on its public domain. Adding a function or a
 * table to the topology is all it takes to deploy it.
 */
export class ContextStack extends Stack {
  readonly context: BoundedContext;
  readonly tables: ReadonlyMap<string, PlatformTable>;
  readonly resources: ContextResources;
  readonly functions: readonly PlatformFunction[];
  readonly api: PlatformHttpApi;
  readonly alarms: OperationalAlarms;

  constructor(scope: Construct, id: string, props: ContextStackProps) {
    const { context, stage, deployment, ...stackProps } = props;
    super(scope, id, stackProps);
    this.context = context;
    Tags.of(this).add('context', context);

    this.tables = new Map(
      tablesOf(context).map((definition) => [
        definition.id,
        new PlatformTable(this, definition.id, { definition, stage }),
      ]),
    );
    this.resources = new ContextResources(this, 'Resources', { stage, deployment });
    // The public URLs come from the stage settings, not from the APIs: a function can not reference its own API's
    // URL without a cycle, and each stack needs the other context's URL too.
    const urls = publicUrlEnvironment(deployment);
    this.functions = functionsOf(context).map((definition) => {
      const needs = needsOf(definition);
      const platformFunction = new PlatformFunction(this, definition.id, {
        definition,
        stage,
        tables: this.tableAccessOf(definition),
        environment: { ...urls, ...this.resources.environmentOf(needs) },
      });
      this.resources.grant(platformFunction.role, needs);
      return platformFunction;
    });
    this.api = new PlatformHttpApi(this, 'HttpApi', {
      apiName: id,
      stage,
      functions: this.functions,
      publicDomain: deployment.domains[context],
      hostedZone: deployment.hostedZone,
    });

    this.alarms = new OperationalAlarms(this, 'Alarms', {
      stage,
      functions: this.functions,
      api: this.api,
      tables: [...this.tables.values()],
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: `Public URL of the ${context} HTTP API` });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: `SNS topic of the ${context} alarms: subscribe the on-call addresses to it`,
    });
  }

  private tableAccessOf(definition: FunctionDefinition): TableAccess[] {
    return definition.tables.map(({ table, access }) => {
      const platformTable = this.tables.get(table);
      if (!platformTable) throw new ForeignTableError(definition, table);
      return { table: platformTable, access };
    });
  }
}
