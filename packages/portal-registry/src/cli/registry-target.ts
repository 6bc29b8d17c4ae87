import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './cli-error.ts';

/** Which identity table the CLI works on, and the environment its DynamoDB client is built from. */
export interface RegistryTarget {
  readonly tableName: string;
  /** Passed to `createDocumentClient`: `DYNAMODB_ENDPOINT` set means DynamoDB Local. */
  readonly clientEnv: NodeJS.ProcessEnv;
  /** For messages: "table local-identity on http://127.0.0.1:4300". */
  readonly description: string;
  /** DynamoDB Local (the platform of `npm start` or an explicit `DYNAMODB_ENDPOINT`) rather than AWS. */
  readonly local: boolean;
}

const NO_PLATFORM =
  'Start the platform with `npm start` first, or set IDENTITY_TABLE and AWS credentials for a deployed stage';

/**
 * A deployed stage when `IDENTITY_TABLE` is set (credentials and region from the AWS SDK's default chain, or
 * DynamoDB Local when `DYNAMODB_ENDPOINT` is also set); otherwise the local runtime, found through the
 * `endpoints.json` that `npm start` writes in its state folder (`LOCAL_STATE_DIR`, default `<repo>/.local`).
 */
export const resolveRegistryTarget = (env: NodeJS.ProcessEnv, repositoryRoot: string): RegistryTarget => {
  if (env.IDENTITY_TABLE) {
    const where = env.DYNAMODB_ENDPOINT ?? `AWS region ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '(SDK default)'}`;
    return {
      tableName: env.IDENTITY_TABLE,
      clientEnv: env,
      description: `table ${env.IDENTITY_TABLE} on ${where}`,
      local: Boolean(env.DYNAMODB_ENDPOINT),
    };
  }
  const stateDir = resolve(env.LOCAL_STATE_DIR || join(repositoryRoot, '.local'));
  const file = join(stateDir, 'endpoints.json');
  if (!existsSync(file)) throw new CliError(`no local platform found (${file} is missing). ${NO_PLATFORM}`);
  let endpoints: { dynamodb?: unknown; tables?: { IDENTITY_TABLE?: unknown } };
  try {
    endpoints = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON (${(error as Error).message}). ${NO_PLATFORM}`);
  }
  const { dynamodb } = endpoints;
  const tableName = endpoints.tables?.IDENTITY_TABLE;
  if (typeof dynamodb !== 'string' || typeof tableName !== 'string')
    throw new CliError(`${file} does not name DynamoDB and the identity table. ${NO_PLATFORM}`);
  return {
    tableName,
    clientEnv: { ...env, DYNAMODB_ENDPOINT: dynamodb, AWS_REGION: 'local' },
    description: `local platform: table ${tableName} on ${dynamodb}`,
    local: true,
  };
};
