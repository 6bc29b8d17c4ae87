import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDbLocalError } from '@platform/dynamodb-local';
import { InvalidPortError, LOCAL_SERVICES, portOf, UnknownStageError } from '@platform/topology';
import { ENTERPRISE_CA_FOLDER } from './enterprise-ca.ts';
import { LocalRuntimeError } from './errors.ts';
import { type LocalNetwork, startLocalNetwork } from './local-network.ts';
import { localChannelPorts } from './payment-channels.ts';

const USAGE = `Usage: npm start [-- --in-memory] [--stage local]

Runs the whole platform on this machine: DynamoDB Local, the tables, and the identity and payments APIs.
  --in-memory      keep DynamoDB Local's data in memory (default: kept under .local/dynamodb between runs)
  --stage NAME     table-name prefix and settings of a known stage (default: local)
Ports: IDENTITY_PORT (4000), PAYMENTS_PORT (4100), DYNAMODB_PORT (4300),
       SOCIAL_SECURITY_PORT (4001), HOUSING_FUND_PORT (4002); 0 picks a free port.
Payment channel stand-ins (default: a free port): SANDBOX_CHANNEL_PORT, ALIPAY_SIMULATOR_PORT,
       WECHAT_PAY_SIMULATOR_PORT.
State folder: LOCAL_STATE_DIR (default: .local/).`;

const repositoryRoot = resolve(import.meta.dirname, '../../..');

const fail = (message: string): never => {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
};

const main = async () => {
  let values: { 'in-memory'?: boolean; stage?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { 'in-memory': { type: 'boolean' }, stage: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);

  const started = performance.now();
  let network: LocalNetwork;
  const stateDir = resolve(process.env.LOCAL_STATE_DIR || resolve(repositoryRoot, '.local'));
  try {
    network = await startLocalNetwork({
      repositoryRoot,
      stateDir,
      inMemory: values['in-memory'] ?? false,
      stage: values.stage ?? process.env.STAGE ?? 'local',
      ports: {
        identity: portOf(LOCAL_SERVICES.identity),
        payments: portOf(LOCAL_SERVICES.payments),
        dynamodb: portOf(LOCAL_SERVICES.dynamodb),
        'social-security': portOf(LOCAL_SERVICES.socialSecurityPortal),
        'housing-fund': portOf(LOCAL_SERVICES.housingFundPortal),
      },
      channelPorts: localChannelPorts(),
      log: (line) => process.stderr.write(`${line}\n`),
      ...(process.env.LOCAL_SCHEDULE_SECONDS
        ? { scheduleIntervalSeconds: Number(process.env.LOCAL_SCHEDULE_SECONDS) }
        : {}),
    });
  } catch (error) {
    const known = [DynamoDbLocalError, LocalRuntimeError, UnknownStageError, InvalidPortError];
    if (known.some((kind) => error instanceof kind)) return fail((error as Error).message);
    throw error;
  }

  const { endpoints } = network;
  process.stdout.write(
    [
      `Platform running (stage ${endpoints.stage}, ready in ${Math.round(performance.now() - started)} ms)`,
      `  identity   ${endpoints.identity}    (health: ${endpoints.identity}/health)`,
      `  payments   ${endpoints.payments}    (health: ${endpoints.payments}/health)`,
      `  dynamodb   ${endpoints.dynamodb}`,
      `  demo portal 社会保障 Social Security   ${endpoints.portals['social-security']}`,
      `  demo portal 住房公积金 Housing Fund     ${endpoints.portals['housing-fund']}`,
      `  sandbox payment channel              ${endpoints.channels.sandbox}`,
      `  Alipay simulator                     ${endpoints.channels.alipay}`,
      `  WeChat Pay simulator                 ${endpoints.channels['wechat-pay']}`,
      `  cashier (pay by payment code)        ${endpoints.payments}/pay/<payment code>`,
      `  payer area (sign in, my notices)     ${endpoints.payments}/my`,
      `  fiscal receipt verification          ${endpoints.payments}/receipts/verify`,
      ...(endpoints.queues ? [`  queue server (SQS-compatible)         ${endpoints.queues.endpoint}`] : []),
      `  SMS sandbox (codes sent locally)      ${endpoints.identity}/_sandbox/sms`,
      `  enterprise certificates (test CA)     ${join(stateDir, ENTERPRISE_CA_FOLDER)} (README: Signing in as a company)`,
      'Try: npm run demo -- issue-notice (a notice to pay at the cashier). README: Trying it.',
      'Endpoints written to .local/endpoints.json. Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    await network.stop();
    process.stdout.write('Stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

await main();
