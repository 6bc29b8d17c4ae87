import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DemoPortalId } from '@platform/demo-portals';
import { createDocumentClient } from '@platform/dynamodb';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '@platform/dynamodb-local';
import {
  type BoundedContext,
  CONTEXTS,
  functionsOf,
  LOCAL_SERVICES,
  localTableName,
  stageSettings,
  TABLES,
} from '@platform/topology';
import { type RunningDemoPortals, startDemoPortals } from './demo-portals.ts';
import { ensureLocalEnterpriseCa } from './enterprise-ca.ts';
import { LocalRuntimeError } from './errors.ts';
import { seedFinanceOfficers } from './finance-officers.ts';
import { FunctionHost } from './function-host.ts';
import { createGatewayServer } from './gateway-server.ts';
import { type RunningLocalQueues, startLocalQueues } from './local-queue-service.ts';
import { scheduleDaily, scheduleFunction } from './local-scheduler.ts';
import { type LocalChannelId, type RunningPaymentChannels, startPaymentChannels } from './payment-channels.ts';
import { RouteTable } from './route-table.ts';
import { ensureTables } from './table-bootstrap.ts';
import { ensureWebSignInClients } from './web-sign-in-clients.ts';

export interface LocalNetworkOptions {
  readonly repositoryRoot: string;
  /** Folder for DynamoDB Local's data and `endpoints.json` (`.local/` by default). */
  readonly stateDir: string;
  readonly inMemory: boolean;
  readonly stage: string;
  readonly ports: Readonly<Record<BoundedContext | 'dynamodb' | DemoPortalId, number>>;
  /** The channel stand-ins' ports; any free port for those not given. */
  readonly channelPorts?: Readonly<Partial<Record<LocalChannelId, number>>>;
  readonly log: (line: string) => void;
  /** Overrides every schedule's interval (tests use a second); by default each function's own. */
  readonly scheduleIntervalSeconds?: number;
}

export interface LocalEndpoints {
  readonly stage: string;
  readonly dynamodb: string;
  readonly identity: string;
  readonly payments: string;
  readonly tables: Record<string, string>;
  readonly portals: Record<DemoPortalId, string>;
  /** The sandbox channel server and the Alipay and WeChat Pay simulators. */
  readonly channels: Record<LocalChannelId, string>;
  /** The SQS-compatible server (`SQS_ENDPOINT`) and its queue URLs by name. */
  readonly queues?: { readonly endpoint: string; readonly urls: Record<string, string> };
}

export interface LocalNetwork {
  readonly endpoints: LocalEndpoints;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number, context: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      const variable = LOCAL_SERVICES[context as BoundedContext].environmentVariable;
      reject(
        new LocalRuntimeError(
          `Port ${port} (${context}) is already in use. Stop the process that holds it or set ${variable} to another port.`,
        ),
      );
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * Brings the whole platform up on loopback: DynamoDB Local, the tables, and one gateway per bounded context.
 * A failure half-way stops whatever was already started before it is rethrown.
 */
export const startLocalNetwork = async (options: LocalNetworkOptions): Promise<LocalNetwork> => {
  stageSettings(options.stage);
  mkdirSync(options.stateDir, { recursive: true });
  // Before the functions start: the identity function trusts this PKI's roots (locally only).
  ensureLocalEnterpriseCa(options.stateDir);
  const servers: Server[] = [];
  const hosts: FunctionHost[] = [];
  let database: RunningDynamoDbLocal | undefined;
  let client: DynamoDBClient | undefined;
  let portals: RunningDemoPortals | undefined;
  let channels: RunningPaymentChannels | undefined;
  let queues: RunningLocalQueues | undefined;
  const schedules: (() => void)[] = [];

  const stop = async () => {
    for (const cancel of schedules) cancel();
    await portals?.stop();
    await channels?.stop();
    await queues?.stop();
    await Promise.all(servers.map(close));
    await Promise.all(hosts.map((host) => host.stop()));
    client?.destroy();
    await database?.stop();
  };

  try {
    database = await startDynamoDbLocal({
      port: options.ports.dynamodb,
      ...(options.inMemory ? {} : { dbPath: join(options.stateDir, 'dynamodb') }),
    });
    client = new DynamoDBClient({
      endpoint: database.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTables(client, database.endpoint, options.stage, Object.values(TABLES));

    // Listen first: functions are told their APIs' public URLs, which ephemeral ports only fix once bound.
    const routeTables = new Map<BoundedContext, RouteTable<FunctionHost>>();
    const urls = {} as Record<BoundedContext, string>;
    for (const context of CONTEXTS) {
      const routes = new RouteTable<FunctionHost>();
      routeTables.set(context, routes);
      const server = createGatewayServer(context, routes, options.log);
      servers.push(server);
      const port = await listen(server, options.ports[context], context);
      urls[context] = `http://127.0.0.1:${port}`;
    }

    const tableEnvironment: Record<string, string> = {};
    for (const table of Object.values(TABLES))
      tableEnvironment[table.environmentVariable] = localTableName(options.stage, table);
    const functionEnvironment = {
      ...tableEnvironment,
      DYNAMODB_ENDPOINT: database.endpoint,
      AWS_REGION: 'local',
      STAGE: options.stage,
      PLATFORM_LOCAL: 'true',
      LOCAL_STATE_DIR: options.stateDir,
      IDENTITY_URL: urls.identity,
      PAYMENTS_URL: urls.payments,
    };
    // The topology's queues: their URLs go to their producers and consumer only (`environmentOf`).
    queues = await startLocalQueues();
    // The channels' URLs and credential files go to the payments functions only.
    channels = await startPaymentChannels({
      stateDir: options.stateDir,
      ports: { sandbox: 0, alipay: 0, 'wechat-pay': 0, ...options.channelPorts },
    });
    const contextEnvironment: Record<BoundedContext, Record<string, string>> = {
      identity: { ...functionEnvironment, ...channels.identityEnvironment },
      payments: {
        ...functionEnvironment,
        ...channels.environment,
        // The payer pages (`/my`) and the finance console (`/finance`) sign people in as first-party portals.
        ...(await ensureWebSignInClients({
          documents: createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint }),
          identityTable: tableEnvironment.IDENTITY_TABLE as string,
          stateDir: options.stateDir,
          paymentsUrl: urls.payments,
        })),
      },
    };
    for (const context of CONTEXTS) {
      const routes = routeTables.get(context) as RouteTable<FunctionHost>;
      for (const definition of functionsOf(context)) {
        const host = new FunctionHost(definition, options.repositoryRoot, {
          ...contextEnvironment[context],
          ...queues.environmentOf(definition),
          ...(definition.id === 'identity-payment-account' ? channels.identityAlipayKeysEnvironment : {}),
        });
        hosts.push(host);
        queues.startConsumer(host, options.log);
        for (const route of definition.routes) routes.add(route, host);
        // A daily job keeps its time even when LOCAL_SCHEDULE_SECONDS speeds the minute timers up for tests.
        if (definition.schedule?.cron) {
          schedules.push(scheduleDaily(host, definition.schedule.cron, options.log));
        } else if (definition.schedule) {
          const seconds = options.scheduleIntervalSeconds ?? (definition.schedule.everyMinutes ?? 1_440) * 60;
          schedules.push(scheduleFunction(host, seconds * 1_000, options.log));
        }
      }
    }

    await seedFinanceOfficers({
      documents: createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint }),
      paymentsTable: tableEnvironment.PAYMENTS_TABLE as string,
      stateDir: options.stateDir,
    });
    portals = await startDemoPortals({
      documents: createDocumentClient({ DYNAMODB_ENDPOINT: database.endpoint }),
      identityTable: tableEnvironment.IDENTITY_TABLE as string,
      issuer: urls.identity,
      stateDir: options.stateDir,
      ports: { 'social-security': options.ports['social-security'], 'housing-fund': options.ports['housing-fund'] },
      log: options.log,
    });

    const endpoints: LocalEndpoints = {
      stage: options.stage,
      dynamodb: database.endpoint,
      identity: urls.identity as string,
      payments: urls.payments as string,
      tables: tableEnvironment,
      portals: portals.urls,
      channels: channels.urls,
      queues: { endpoint: queues.endpoint, urls: queues.urls },
    };
    writeFileSync(join(options.stateDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
