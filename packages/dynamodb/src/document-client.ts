import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FastDynamoDBDocumentClient } from './fast-document-client.ts';

/**
 * In Lambda the SDK finds region and credentials itself. Locally `DYNAMODB_ENDPOINT` points at DynamoDB Local,
 * which accepts any credentials, so fixed dummy ones keep a developer's real AWS profile out of the loop.
 *
 * The data-plane commands take the short road of `FastDynamoDBDocumentClient` (why: `fast-document-client.ts`);
 * `PLATFORM_DYNAMODB_TRANSPORT=sdk` sends everything through the SDK's own stack instead.
 */
export const createDocumentClient = (env: NodeJS.ProcessEnv = process.env): DynamoDBDocumentClient => {
  const endpoint = env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 3,
        }
      : { maxAttempts: 3 },
  );
  const translateConfig = { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } };
  return FastDynamoDBDocumentClient.fromClient(client, translateConfig, {
    ...(endpoint ? { endpoint } : {}),
    sdkOnly: env.PLATFORM_DYNAMODB_TRANSPORT === 'sdk',
  });
};

export class MissingConfigurationError extends Error {
  constructor(variable: string) {
    super(`Environment variable ${variable} is not set; the function's stack or the local runtime must set it.`);
    this.name = 'MissingConfigurationError';
  }
}

export const requiredEnv = (variable: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[variable];
  if (!value) throw new MissingConfigurationError(variable);
  return value;
};
