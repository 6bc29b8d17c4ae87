export * from './aws-credentials.ts';
export * from './aws-endpoint.ts';
export { type AwsJsonApi, AwsJsonClient, type AwsJsonClientOptions } from './aws-json-client.ts';
export { AwsServiceError, type ResponseMetadata } from './aws-service-error.ts';
export { type AwsJsonService, type AwsServiceClientOptions, awsServiceClient } from './aws-services.ts';
export { Http1ConnectionPool } from './http1-connection-pool.ts';
export { classifyFailure, type RetryPolicy, standardRetryPolicy } from './retry-policy.ts';
export {
  type ObjectBody,
  type PutObjectOptions,
  S3ChecksumMismatchError,
  type S3ObjectApi,
  S3ObjectClient,
  type S3ObjectClientOptions,
  type StreamedObjectBody,
  s3ObjectClient,
} from './s3-object-client.ts';
export { readJsonSecret, SecretValueError } from './secrets.ts';
export type { SigningCredentials } from './sigv4.ts';
export { spoolObjectBody } from './spooled-object-body.ts';
