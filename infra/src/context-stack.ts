import {
  type BoundedContext,
  type FunctionDefinition,
  functionsOf,
  type StageSettings,
  tablesOf,
} from '@platform/topology';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ForeignTableError } from './configuration-errors.ts';
import { PlatformFunction, type TableAccess } from './platform-function.ts';
import { PlatformHttpApi } from './platform-http-api.ts';
import { PlatformTable } from './platform-table.ts';

export interface StageStackProps extends StackProps {
  readonly stage: StageSettings;
}

export interface ContextStackProps extends StageStackProps {
  readonly context: BoundedContext;
}

/**
 * Everything one bounded context deploys, read from the topology: its tables, its functions and the HTTP API in
 * front of them. Adding a function or a table to the topology is all it takes to deploy it.
 */
export class ContextStack extends Stack {
  readonly context: BoundedContext;
  readonly tables: ReadonlyMap<string, PlatformTable>;
  readonly functions: readonly PlatformFunction[];
  readonly api: PlatformHttpApi;

  constructor(scope: Construct, id: string, props: ContextStackProps) {
    const { context, stage, ...stackProps } = props;
    super(scope, id, stackProps);
    this.context = context;
    Tags.of(this).add('context', context);

    this.tables = new Map(
      tablesOf(context).map((definition) => [
        definition.id,
        new PlatformTable(this, definition.id, { definition, stage }),
      ]),
    );
    this.functions = functionsOf(context).map(
      (definition) =>
        new PlatformFunction(this, definition.id, { definition, stage, tables: this.tableAccessOf(definition) }),
    );
    this.api = new PlatformHttpApi(this, 'HttpApi', { apiName: id, stage, functions: this.functions });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: `Base URL of the ${context} HTTP API` });
  }

  private tableAccessOf(definition: FunctionDefinition): TableAccess[] {
    return definition.tables.map(({ table, access }) => {
      const platformTable = this.tables.get(table);
      if (!platformTable) throw new ForeignTableError(definition, table);
      return { table: platformTable, access };
    });
  }
}
