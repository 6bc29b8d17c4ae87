import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DocumentClient } from '@platform/dynamodb';
import { createDocumentClient } from '@platform/dynamodb';
import { ensureTables } from '@platform/local-runtime';
import { localTableName, TABLES, type TableId } from '@platform/topology';
import { inject } from 'vitest';

export interface TestStorage {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documents: DocumentClient;
  /** Physical names of this file's own copies of the platform tables. */
  readonly tableNames: Record<TableId, string>;
  /** Environment as the local runtime gives a function: table variables and the endpoint. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Fresh copies of every platform table in the run's DynamoDB Local, under a stage name of their own so that
 * test files never see each other's data.
 */
export const createTestStorage = async (): Promise<TestStorage> => {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stage = `test${randomBytes(4).toString('hex')}`;
  await ensureTables(client, endpoint, stage, Object.values(TABLES));
  const tableNames = Object.fromEntries(
    Object.values(TABLES).map((table) => [table.id, localTableName(stage, table)]),
  ) as Record<TableId, string>;
  const env: NodeJS.ProcessEnv = {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'local',
    ...Object.fromEntries(Object.values(TABLES).map((table) => [table.environmentVariable, tableNames[table.id]])),
  };
  return {
    endpoint,
    client,
    // The client every function uses, so the integration suites exercise its lean data-plane path.
    documents: createDocumentClient({ DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'local' }),
    tableNames,
    env,
  };
};
