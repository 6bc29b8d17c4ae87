import { createDocumentClient, GetCommand, requiredEnv, translateStorageError } from '@platform/dynamodb';
import { TABLE_MARKER_KEY } from '@platform/topology';
import type { HealthDependencies, TableMarker } from './health-handler.ts';

/** Runtime dependencies, built once per Lambda instance from the environment the stack (or local runtime) sets. */
export const healthDependencies = (env: NodeJS.ProcessEnv = process.env): HealthDependencies => {
  const context = requiredEnv('HEALTH_CONTEXT', env);
  const tableName = requiredEnv(requiredEnv('HEALTH_TABLE_VARIABLE', env), env);
  const documents = createDocumentClient(env);
  return {
    context,
    tableName,
    now: () => performance.now(),
    readTableMarker: async () => {
      const result = await documents
        .send(new GetCommand({ TableName: tableName, Key: TABLE_MARKER_KEY, ConsistentRead: true }))
        .catch(translateStorageError);
      if (!result.Item) return undefined;
      return { context: String(result.Item.context), createdAt: String(result.Item.createdAt) } satisfies TableMarker;
    },
  };
};
