import { type CredentialsProvider, environmentCredentials } from './aws-credentials.ts';
import { regionOf, serviceEndpoint } from './aws-endpoint.ts';
import { AwsJsonClient, type AwsJsonClientOptions } from './aws-json-client.ts';

/** The JSON-protocol services the platform calls, with their signing name, target prefix and protocol version. */
const SERVICES = {
  dynamodb: { targetPrefix: 'DynamoDB_20120810.', contentType: 'application/x-amz-json-1.0' },
  kms: { targetPrefix: 'TrentService.', contentType: 'application/x-amz-json-1.1' },
  secretsmanager: { targetPrefix: 'secretsmanager.', contentType: 'application/x-amz-json-1.1' },
  sqs: { targetPrefix: 'AmazonSQS.', contentType: 'application/x-amz-json-1.0' },
} as const;

export type AwsJsonService = keyof typeof SERVICES;

export interface AwsServiceClientOptions extends Partial<Pick<AwsJsonClientOptions, 'retry' | 'decodeErrorMembers'>> {
  /** Where to send requests instead of the regional endpoint (a local stand-in). */
  readonly endpoint?: string;
  readonly credentials?: CredentialsProvider;
}

/** A client of `service` in the function's region with the function's credentials, both from its environment. */
export const awsServiceClient = (
  service: AwsJsonService,
  env: NodeJS.ProcessEnv = process.env,
  options: AwsServiceClientOptions = {},
): AwsJsonClient => {
  const region = options.endpoint ? (env.AWS_REGION ?? 'local') : regionOf(env);
  return new AwsJsonClient({
    service,
    ...SERVICES[service],
    region,
    endpoint: options.endpoint ?? serviceEndpoint(service, region, env),
    credentials: options.credentials ?? environmentCredentials(env),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.decodeErrorMembers ? { decodeErrorMembers: options.decodeErrorMembers } : {}),
  });
};
