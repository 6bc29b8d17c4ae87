import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { s3ObjectClient } from '@platform/aws-json';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import type { ChannelId } from '@platform/payment-channels';
import { CHANNEL_VARIABLES, CHECKOUT_CHANNELS, channelRegistryFromEnvironment } from '@platform/payment-orders';
import { LocalStatementArchive } from '../archive/local-statement-archive.ts';
import { S3StatementArchive } from '../archive/s3-statement-archive.ts';
import type { StatementArchive } from '../archive/statement-archive.ts';
import { readSettledRecords } from '../platform/settled-records.ts';
import { DynamoDbRunStore } from '../runs/dynamodb-run-store.ts';
import type { ReconcileDayDependencies } from '../runs/reconcile-day.ts';
import { DiscrepancyService } from '../workflow/discrepancy-service.ts';
import { DynamoDbWorkflowStore } from '../workflow/dynamodb-workflow-store.ts';

/**
 * Everything reconciliation needs, from the environment, the same for the scheduled function, the CLI and the
 * finance console:
 *
 * | variable | meaning |
 * | --- | --- |
 * | `PAYMENTS_TABLE` | the payments table (runs, discrepancies, the settled index) |
 * | `DYNAMODB_ENDPOINT` | locally: DynamoDB Local |
 * | `STATEMENTS_BUCKET` | in AWS: the statements bucket (`S3StatementArchive`) |
 * | `LOCAL_STATE_DIR` | without a bucket: statements under `<dir>/statements/` (`LocalStatementArchive`) |
 * | `RECONCILIATION_WINDOW_MINUTES` | minutes either side of the day for pre-midnight payments; default 10 |
 * | `SANDBOX_CHANNEL_URL`, `…_CREDENTIALS_FILE`, … | the channels, as the cashier reads them (`CHANNEL_VARIABLES`) |
 */
export interface ReconciliationRuntime {
  readonly reconcile: ReconcileDayDependencies;
  readonly discrepancies: DiscrepancyService;
  /** Channels whose adapter is configured here: the ones the schedule runs. */
  readonly enabledChannels: readonly ChannelId[];
}

export const reconciliationFromEnvironment = (env: NodeJS.ProcessEnv = process.env): ReconciliationRuntime => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  const windowMinutes = Number(env.RECONCILIATION_WINDOW_MINUTES ?? '10');
  if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > 720) {
    throw new RangeError('RECONCILIATION_WINDOW_MINUTES must be an integer from 0 to 720.');
  }
  const archive: StatementArchive = env.STATEMENTS_BUCKET
    ? new S3StatementArchive({ s3: s3ObjectClient(env), bucket: env.STATEMENTS_BUCKET })
    : new LocalStatementArchive({ stateDir: requiredEnv('LOCAL_STATE_DIR', env) });
  const registry = channelRegistryFromEnvironment(env);
  const runs = new DynamoDbRunStore({ documents, tableName });
  return {
    reconcile: {
      archive,
      runs,
      windowMinutes,
      channel: (channel) => registry.get(channel as (typeof CHECKOUT_CHANNELS)[number])?.adapter,
      platformRecords: (channel, businessDate, window) =>
        readSettledRecords({ documents, tableName, channel, businessDate, windowMinutes: window }),
    },
    discrepancies: new DiscrepancyService({ runs, workflow: new DynamoDbWorkflowStore({ documents, tableName }) }),
    enabledChannels: CHECKOUT_CHANNELS.filter((channel) => registry.has(channel)),
  };
};

/**
 * For commands run beside `npm start`: the environment the local runtime gives the payments functions, rebuilt from
 * `<stateDir>/endpoints.json` (DynamoDB Local's endpoint, the table names, the channels' URLs) and the channels'
 * credential files it wrote under `<stateDir>/channels/`. Variables already set win, so the same command works in
 * AWS with the environment alone.
 */
export const localRuntimeEnvironment = (stateDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => {
  const file = join(stateDir, 'endpoints.json');
  if (!existsSync(file)) return env;
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as {
    dynamodb?: string;
    tables?: Record<string, string>;
    channels?: Record<string, string>;
  };
  const local: NodeJS.ProcessEnv = {
    LOCAL_STATE_DIR: resolve(stateDir),
    ...(endpoints.dynamodb ? { DYNAMODB_ENDPOINT: endpoints.dynamodb, AWS_REGION: 'local' } : {}),
    ...endpoints.tables,
  };
  for (const channel of CHECKOUT_CHANNELS) {
    const url = endpoints.channels?.[channel];
    const credentials = join(stateDir, 'channels', `${channel}.json`);
    if (url && existsSync(credentials)) {
      local[CHANNEL_VARIABLES[channel].url] = url;
      local[CHANNEL_VARIABLES[channel].credentials] = credentials;
    }
  }
  return { ...local, ...env };
};
