import { type RunningDynamoDbLocal, startDynamoDbLocal } from '@platform/dynamodb-local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole integration run; each test file makes its own tables in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database: RunningDynamoDbLocal = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamodbEndpoint', database.endpoint);
  return () => database.stop();
}
