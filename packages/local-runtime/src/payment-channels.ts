import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type LoopbackServer,
  startAlipaySimulator,
  startSandboxChannelServer,
  startWechatPaySimulator,
} from '@platform/payment-channels';
import { type LocalService, portOf } from '@platform/topology';
import { LocalRuntimeError } from './errors.ts';

/** The channels `npm start` stands in for, each a loopback server speaking the channel's protocol. */
export type LocalChannelId = 'sandbox' | 'alipay' | 'wechat-pay';

/** Ports of the channel stand-ins. Default 0 (any free port): the URLs are in `endpoints.json` and the banner. */
export const LOCAL_CHANNEL_SERVICES = {
  sandbox: { name: 'sandbox channel', defaultPort: 0, environmentVariable: 'SANDBOX_CHANNEL_PORT' },
  alipay: { name: 'Alipay simulator', defaultPort: 0, environmentVariable: 'ALIPAY_SIMULATOR_PORT' },
  'wechat-pay': { name: 'WeChat Pay simulator', defaultPort: 0, environmentVariable: 'WECHAT_PAY_SIMULATOR_PORT' },
} as const satisfies Record<LocalChannelId, LocalService>;

export const localChannelPorts = (env: NodeJS.ProcessEnv = process.env): Record<LocalChannelId, number> => ({
  sandbox: portOf(LOCAL_CHANNEL_SERVICES.sandbox, env),
  alipay: portOf(LOCAL_CHANNEL_SERVICES.alipay, env),
  'wechat-pay': portOf(LOCAL_CHANNEL_SERVICES['wechat-pay'], env),
});

/**
 * What the payments functions read to build the channel adapters: a base URL and the path of a JSON file holding the
 * adapter's credentials (`${LOCAL_STATE_DIR}/channels/<channel>.json`, mode 0600). Key material never goes into the
 * environment. The deployed equivalent (Secrets Manager) is not built yet.
 */
export const CHANNEL_VARIABLES = {
  sandbox: { url: 'SANDBOX_CHANNEL_URL', credentials: 'SANDBOX_CHANNEL_CREDENTIALS_FILE' },
  alipay: { url: 'ALIPAY_URL', credentials: 'ALIPAY_CREDENTIALS_FILE' },
  'wechat-pay': { url: 'WECHAT_PAY_URL', credentials: 'WECHAT_PAY_CREDENTIALS_FILE' },
} as const satisfies Record<LocalChannelId, { url: string; credentials: string }>;

export interface RunningPaymentChannels {
  readonly urls: Record<LocalChannelId, string>;
  /** For the payments functions only. */
  readonly environment: Record<string, string>;
  /** For the identity functions only: the Alipay simulator's login app (user authorisation, real-name data). */
  readonly identityEnvironment: Record<string, string>;
  /** The identity Alipay login app's keys: for identity-payment-account only. */
  readonly identityAlipayKeysEnvironment: Record<string, string>;
  stop(): Promise<void>;
}

export interface PaymentChannelsOptions {
  readonly stateDir: string;
  readonly ports: Readonly<Record<LocalChannelId, number>>;
}

/**
 * Starts the sandbox channel server and the Alipay and WeChat Pay simulators on loopback, with fresh keys each run
 * (their state is in memory, so older keys would serve nothing), and writes the adapters' side of the keys.
 */
export const startPaymentChannels = async (options: PaymentChannelsOptions): Promise<RunningPaymentChannels> => {
  const folder = join(options.stateDir, 'channels');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const writeCredentials = (id: LocalChannelId | 'alipay-identity', credentials: object): string => {
    const path = join(folder, `${id}.json`);
    writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 });
    return path;
  };

  const running: LoopbackServer[] = [];
  /** A taken port is the one start-up failure a developer fixes, so it names the variable that moves it. */
  const start = async <T extends LoopbackServer>(id: LocalChannelId, starting: Promise<T>): Promise<T> => {
    try {
      const server = await starting;
      running.push(server);
      return server;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const service = LOCAL_CHANNEL_SERVICES[id];
      throw new LocalRuntimeError(
        `Port ${options.ports[id]} (${service.name}) is already in use. Stop the process that holds it or set ${service.environmentVariable} to another port.`,
      );
    }
  };
  const stop = async () => void (await Promise.all(running.map((server) => server.close())));
  try {
    const secret = randomBytes(32).toString('base64url');
    const sandbox = await start('sandbox', startSandboxChannelServer({ secret, port: options.ports.sandbox }));
    const alipay = await start('alipay', startAlipaySimulator({ port: options.ports.alipay }));
    const wechat = await start('wechat-pay', startWechatPaySimulator({ port: options.ports['wechat-pay'] }));

    const files: Record<LocalChannelId, string> = {
      sandbox: writeCredentials('sandbox', { secret }),
      alipay: writeCredentials('alipay', {
        appId: alipay.appId,
        sellerId: alipay.sellerId,
        appPrivateKey: alipay.keys.appPrivateKey,
        alipayPublicKey: alipay.keys.alipayPublicKey,
      }),
      'wechat-pay': writeCredentials('wechat-pay', {
        mchid: wechat.mchid,
        appid: wechat.appid,
        merchantPrivateKey: wechat.keys.merchantPrivateKey,
        merchantSerialNo: wechat.keys.merchantSerialNo,
        platformPublicKeys: { [wechat.keys.platformPublicKeyId]: wechat.keys.platformPublicKey },
        apiV3Key: wechat.keys.apiV3Key,
      }),
    };
    const urls: Record<LocalChannelId, string> = {
      sandbox: sandbox.baseUrl,
      alipay: alipay.baseUrl,
      'wechat-pay': wechat.baseUrl,
    };
    const environment: Record<string, string> = {};
    for (const id of Object.keys(CHANNEL_VARIABLES) as LocalChannelId[]) {
      environment[CHANNEL_VARIABLES[id].url] = urls[id];
      environment[CHANNEL_VARIABLES[id].credentials] = files[id];
    }
    // The provider's own Alipay app (not the payments app), registered at the same simulator: its id for the
    // provider, which builds the authorise URL; its keys for identity-payment-account only, which exchanges the code.
    const identityEnvironment = {
      IDENTITY_ALIPAY_URL: alipay.baseUrl,
      IDENTITY_ALIPAY_APP_ID: alipay.userAuthorisation.appId,
    };
    const identityAlipayKeysEnvironment = {
      IDENTITY_ALIPAY_CREDENTIALS_FILE: writeCredentials('alipay-identity', {
        appId: alipay.userAuthorisation.appId,
        appPrivateKey: alipay.userAuthorisation.appPrivateKey,
        alipayPublicKey: alipay.keys.alipayPublicKey,
      }),
    };
    return { urls, environment, identityEnvironment, identityAlipayKeysEnvironment, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
