import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BlindIndex, loadPaymentsIndexKey, localPersonalDataVault } from '@platform/personal-data';
import { FinanceCliError } from './officer-command-line.ts';

/** Where the CLI works: the payments table, the environment of its DynamoDB client, and the officers' index. */
export interface FinanceTarget {
  readonly tableName: string;
  readonly clientEnv: NodeJS.ProcessEnv;
  readonly description: string;
  /** The payments vault's blind index of a citizen ID number: exactly what the payer index computes. */
  readonly officerIndex: (idNumber: string) => string;
}

const NO_PLATFORM =
  'Start the platform with `npm start` first, or set PAYMENTS_TABLE, PAYMENTS_SECRETS_ID and AWS credentials for a deployed stage';

/**
 * A deployed stage when `PAYMENTS_TABLE` is set: the index key is the payments secret's `personalDataIndexKey`, read
 * by `loadPaymentsIndexKey` (one definition of that secret). Otherwise the local platform of `npm start`,
 * found through its `endpoints.json`, and the local vault keys every local function uses.
 */
export const resolveFinanceTarget = async (env: NodeJS.ProcessEnv, repositoryRoot: string): Promise<FinanceTarget> => {
  if (env.PAYMENTS_TABLE) {
    const secretId = env.PAYMENTS_SECRETS_ID;
    if (!secretId) throw new FinanceCliError(`PAYMENTS_SECRETS_ID is not set. ${NO_PLATFORM}`);
    const index = new BlindIndex(await loadPaymentsIndexKey(secretId));
    return {
      tableName: env.PAYMENTS_TABLE,
      clientEnv: env,
      description: `table ${env.PAYMENTS_TABLE}`,
      officerIndex: (idNumber) => index.compute('citizen-id', idNumber),
    };
  }
  const stateDir = resolve(env.LOCAL_STATE_DIR || join(repositoryRoot, '.local'));
  const file = join(stateDir, 'endpoints.json');
  if (!existsSync(file)) throw new FinanceCliError(`no local platform found (${file} is missing). ${NO_PLATFORM}`);
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as {
    dynamodb?: unknown;
    tables?: { PAYMENTS_TABLE?: unknown };
  };
  const tableName = endpoints.tables?.PAYMENTS_TABLE;
  if (typeof endpoints.dynamodb !== 'string' || typeof tableName !== 'string') {
    throw new FinanceCliError(`${file} does not name DynamoDB and the payments table. ${NO_PLATFORM}`);
  }
  const vault = await localPersonalDataVault(stateDir);
  return {
    tableName,
    clientEnv: { ...env, DYNAMODB_ENDPOINT: endpoints.dynamodb, AWS_REGION: 'local' },
    description: `local platform: table ${tableName} on ${endpoints.dynamodb}`,
    officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
  };
};
