import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * In Lambda the SDK finds region and credentials itself. Locally `DYNAMODB_ENDPOINT` points at DynamoDB Local,
 * which accepts any credentials, so fixed dummy ones keep a developer's real AWS profile out of the loop.
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
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
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
