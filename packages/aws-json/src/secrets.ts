import type { AwsJsonApi } from './aws-json-client.ts';
import { awsServiceClient } from './aws-services.ts';

export class SecretValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretValueError';
  }
}

/**
 * The current JSON value of a Secrets Manager secret. The stacks create secrets empty and an operator sets them, so
 * "no value yet" and "not a JSON object" are errors that say which secret, never what it holds.
 */
export const readJsonSecret = async (
  secretId: string,
  client: AwsJsonApi = awsServiceClient('secretsmanager'),
): Promise<Record<string, unknown>> => {
  const { output } = await client.call('GetSecretValue', { SecretId: secretId });
  if (typeof output.SecretString !== 'string' || output.SecretString === '') {
    throw new SecretValueError(`secret ${secretId} has no value yet`);
  }
  let value: unknown;
  try {
    value = JSON.parse(output.SecretString);
  } catch {
    throw new SecretValueError(`secret ${secretId} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SecretValueError(`secret ${secretId} is not a JSON object`);
  }
  return value as Record<string, unknown>;
};
