import { readFileSync } from 'node:fs';
import { readJsonSecret } from '@platform/aws-json';
import {
  CHANNEL_CAPABILITIES,
  type ChannelCapability,
  createSandboxChannel,
  type PaymentChannel,
  type PaymentMethod,
} from '@platform/payment-channels';

/** The channels the cashier offers, in the order of its buttons. */
export const CHECKOUT_CHANNELS = ['sandbox', 'alipay', 'wechat-pay'] as const;
export type CheckoutChannelId = (typeof CHECKOUT_CHANNELS)[number];

export const isCheckoutChannel = (value: unknown): value is CheckoutChannelId =>
  typeof value === 'string' && (CHECKOUT_CHANNELS as readonly string[]).includes(value);

/** An adapter and how the cashier sends the payer to it. */
export interface EnabledChannel {
  readonly adapter: PaymentChannel;
  readonly method: PaymentMethod;
}

export type ChannelRegistry = ReadonlyMap<CheckoutChannelId, EnabledChannel>;

/**
 * Where each channel's configuration comes from: its base URL, and its credentials as JSON, either a file (mode
 * 0600, written by the local runtime under `LOCAL_STATE_DIR/channels/`) or, deployed, a Secrets Manager secret
 * holding the same JSON (`credentialsSecret`, the ARN the payments stack passes). A channel with a URL and neither
 * is not enabled; the file wins when both are set.
 */
export const CHANNEL_VARIABLES = {
  sandbox: {
    url: 'SANDBOX_CHANNEL_URL',
    credentials: 'SANDBOX_CHANNEL_CREDENTIALS_FILE',
    credentialsSecret: 'SANDBOX_CHANNEL_CREDENTIALS_SECRET_ID',
  },
  alipay: {
    url: 'ALIPAY_URL',
    credentials: 'ALIPAY_CREDENTIALS_FILE',
    credentialsSecret: 'ALIPAY_CREDENTIALS_SECRET_ID',
  },
  'wechat-pay': {
    url: 'WECHAT_PAY_URL',
    credentials: 'WECHAT_PAY_CREDENTIALS_FILE',
    credentialsSecret: 'WECHAT_PAY_CREDENTIALS_SECRET_ID',
  },
} as const satisfies Record<CheckoutChannelId, { url: string; credentials: string; credentialsSecret: string }>;

/**
 * What each adapter declares as `build` configures it (sandbox: everything; Alipay page pay; WeChat Pay Native),
 * known before the credentials are: a channel whose secret is read on first use states them up front.
 * `channel-registry.test.ts` checks them against the adapters.
 */
const SERVICES: readonly ChannelCapability[] = [
  'query',
  'close',
  'refund',
  'refundQuery',
  'notifications',
  'statements',
];
export const DECLARED_CAPABILITIES: Readonly<Record<CheckoutChannelId, readonly ChannelCapability[]>> = {
  sandbox: CHANNEL_CAPABILITIES,
  alipay: ['pagePay', ...SERVICES],
  'wechat-pay': ['qrPay', ...SERVICES],
};

const METHODS: Readonly<Record<CheckoutChannelId, PaymentMethod>> = {
  sandbox: 'pagePay',
  alipay: 'pagePay',
  'wechat-pay': 'qrPay',
};

export class ChannelConfigurationError extends Error {
  constructor(channel: CheckoutChannelId, message: string, options?: ErrorOptions) {
    super(`Channel ${channel}: ${message}`, options);
    this.name = 'ChannelConfigurationError';
  }
}

const readCredentials = (channel: CheckoutChannelId, path: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (cause) {
    throw new ChannelConfigurationError(channel, `the credentials file ${path} can not be read.`, { cause });
  }
  throw new ChannelConfigurationError(channel, `the credentials file ${path} is not a JSON object.`);
};

const text = (channel: CheckoutChannelId, credentials: Record<string, unknown>, field: string): string => {
  const value = credentials[field];
  if (typeof value !== 'string' || value === '') {
    throw new ChannelConfigurationError(channel, `the credentials have no "${field}".`);
  }
  return value;
};

/** Builds a channel's adapter when first called; see `configure`. */
type AdapterFactory = () => Promise<PaymentChannel>;

/**
 * Checks a channel's credentials now and returns how to build its adapter. The Alipay and WeChat Pay adapters are
 * imported on that first build, not with this module: their libraries (alipay-sdk with its dependencies above all)
 * are a large part of a payments function's code, and evaluating them at cold start would cost every instance whether
 * or not it ever used the channel. The bundle still holds them (one file per
 * function), but esbuild wraps a dynamically imported module so that it is evaluated only when `import()` runs.
 */
const configure = (
  channel: CheckoutChannelId,
  baseUrl: string,
  credentials: Record<string, unknown>,
): AdapterFactory => {
  // Configured for METHODS only: keep DECLARED_CAPABILITIES in step with the products below.
  const field = (name: string) => text(channel, credentials, name);
  switch (channel) {
    case 'sandbox': {
      const adapter = createSandboxChannel({ baseUrl, secret: field('secret') });
      return async () => adapter;
    }
    case 'alipay': {
      const options = {
        baseUrl,
        appId: field('appId'),
        sellerId: field('sellerId'),
        appPrivateKey: field('appPrivateKey'),
        alipayPublicKey: field('alipayPublicKey'),
        products: ['pagePay' as const],
      };
      return async () => (await import('@platform/payment-channels/alipay-channel')).createAlipayChannel(options);
    }
    case 'wechat-pay': {
      const options = {
        baseUrl,
        mchid: field('mchid'),
        appid: field('appid'),
        merchantPrivateKey: field('merchantPrivateKey'),
        merchantSerialNo: field('merchantSerialNo'),
        platformPublicKeys: credentials.platformPublicKeys as Record<string, string>,
        apiV3Key: field('apiV3Key'),
        // Native: a code for the WeChat app to scan (the simulator's code_url is a pay page on it).
        products: ['qrPay' as const],
      };
      return async () =>
        (await import('@platform/payment-channels/wechat-pay-channel')).createWechatPayChannel(options);
    }
  }
};

/**
 * An adapter that states its id and capabilities up front (DECLARED_CAPABILITIES) and builds the real one on its
 * first call. A failed build (a secret not set yet, a key the adapter refuses) fails that call as a
 * ChannelConfigurationError and is tried again on the next; a successful one is kept for the life of the instance.
 * The real adapter must declare what was stated, or the registry would have promised a payer a method it lacks.
 */
const lazyAdapter = (
  channel: CheckoutChannelId,
  build: () => Promise<PaymentChannel>,
  failure: string,
): PaymentChannel => {
  const declared = new Set(DECLARED_CAPABILITIES[channel]);
  let adapter: Promise<PaymentChannel> | undefined;
  const load = (): Promise<PaymentChannel> => {
    adapter ??= build()
      .then((built) => {
        const actual = [...built.capabilities].sort().join(',');
        if (actual !== [...declared].sort().join(',')) {
          throw new Error(`the adapter declares ${actual}, the registry ${[...declared].sort().join(',')}.`);
        }
        return built;
      })
      .catch((cause: unknown) => {
        adapter = undefined;
        throw new ChannelConfigurationError(channel, failure, { cause });
      });
    return adapter;
  };
  return {
    id: channel,
    capabilities: declared,
    createPayment: async (input) => (await load()).createPayment(input),
    queryPayment: async (orderNumber) => (await load()).queryPayment(orderNumber),
    closePayment: async (orderNumber) => (await load()).closePayment(orderNumber),
    refund: async (input) => (await load()).refund(input),
    queryRefund: async (lookup) => (await load()).queryRefund(lookup),
    parseNotification: async (notification) => (await load()).parseNotification(notification),
    statement: async (businessDate) => (await load()).statement(businessDate),
  };
};

/** A channel configured from a credentials file: its fields are checked at once, its adapter built on first use. */
const fromFile = (channel: CheckoutChannelId, baseUrl: string, path: string): EnabledChannel => {
  const build = configure(channel, baseUrl, readCredentials(channel, path));
  return { method: METHODS[channel], adapter: lazyAdapter(channel, build, 'the adapter can not be built.') };
};

export type ReadSecret = (secretId: string) => Promise<Record<string, unknown>>;

/**
 * A channel whose credentials are a secret, read on its first call rather than when the registry is built (which
 * stays synchronous for its callers). A failed read (the secret not set yet, Secrets Manager down) fails that call
 * and is tried again on the next one; a successful one is kept for the life of the instance.
 */
const deferredChannel = (
  channel: CheckoutChannelId,
  baseUrl: string,
  secretId: string,
  readSecret: ReadSecret,
): EnabledChannel => ({
  method: METHODS[channel],
  adapter: lazyAdapter(
    channel,
    async () => configure(channel, baseUrl, await readSecret(secretId))(),
    `the credentials secret ${secretId} can not be used.`,
  ),
});

/**
 * The enabled channels, built once per instance from the environment: locally from credential files, deployed
 * from secrets (read on first use, `readSecret` defaults to Secrets Manager).
 */
export const channelRegistryFromEnvironment = (
  env: NodeJS.ProcessEnv,
  readSecret: ReadSecret = readJsonSecret,
): ChannelRegistry => {
  const registry = new Map<CheckoutChannelId, EnabledChannel>();
  for (const channel of CHECKOUT_CHANNELS) {
    const variables = CHANNEL_VARIABLES[channel];
    const baseUrl = env[variables.url];
    const credentialsFile = env[variables.credentials];
    const credentialsSecret = env[variables.credentialsSecret];
    if (!baseUrl) continue;
    if (credentialsFile) registry.set(channel, fromFile(channel, baseUrl, credentialsFile));
    else if (credentialsSecret) registry.set(channel, deferredChannel(channel, baseUrl, credentialsSecret, readSecret));
  }
  return registry;
};
