import { StorageUnavailableError } from '@platform/dynamodb';
import { RegistrationError } from '../registration-error.ts';
import { CliError } from './cli-error.ts';
import type { RegistryTarget } from './registry-target.ts';

/**
 * The one line to print for a failure a person can act on, or `undefined` for a bug (which keeps its stack trace).
 * `target` is where the CLI was working, once known.
 */
export const failureMessage = (error: unknown, target: RegistryTarget | undefined): string | undefined => {
  if (error instanceof RegistrationError) return `${error.message} [${error.code}]`;
  if (error instanceof CliError) return error.message;
  if (!(error instanceof Error)) return undefined;
  const where = target ? ` (${target.description})` : '';
  if (error instanceof StorageUnavailableError)
    return `DynamoDB did not answer${where}; ${target?.local ? 'is `npm start` still running?' : 'check the network and AWS region'}`;
  if (error.name === 'ResourceNotFoundException') return `the identity table does not exist${where}`;
  if (error.name === 'CredentialsProviderError' || error.name === 'UnrecognizedClientException')
    return `no usable AWS credentials${where}: ${error.message}`;
  if (error.name === 'AccessDeniedException') return `access denied${where}: ${error.message}`;
  return undefined;
};
