import { readFileSync } from 'node:fs';
import {
  createAlipayChannel,
  createSandboxChannel,
  createWechatPayChannel,
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
 * Where each channel's configuration comes from: its base URL and a JSON file of credentials (mode 0600, written by
 * the local runtime under `LOCAL_STATE_DIR/channels/`). A channel whose variables are not both set is not enabled.
 */
export const CHANNEL_VARIABLES = {
  sandbox: { url: 'SANDBOX_CHANNEL_URL', credentials: 'SANDBOX_CHANNEL_CREDENTIALS_FILE' },
  alipay: { url: 'ALIPAY_URL', credentials: 'ALIPAY_CREDENTIALS_FILE' },
  'wechat-pay': { url: 'WECHAT_PAY_URL', credentials: 'WECHAT_PAY_CREDENTIALS_FILE' },
} as const satisfies Record<CheckoutChannelId, { url: string; credentials: string }>;

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

const build = (channel: CheckoutChannelId, baseUrl: string, credentials: Record<string, unknown>): EnabledChannel => {
  const field = (name: string) => text(channel, credentials, name);
  switch (channel) {
    case 'sandbox':
      return { adapter: createSandboxChannel({ baseUrl, secret: field('secret') }), method: 'pagePay' };
    case 'alipay':
      return {
        adapter: createAlipayChannel({
          baseUrl,
          appId: field('appId'),
          sellerId: field('sellerId'),
          appPrivateKey: field('appPrivateKey'),
          alipayPublicKey: field('alipayPublicKey'),
          products: ['pagePay'],
        }),
        method: 'pagePay',
      };
    case 'wechat-pay':
      return {
        adapter: createWechatPayChannel({
          baseUrl,
          mchid: field('mchid'),
          appid: field('appid'),
          merchantPrivateKey: field('merchantPrivateKey'),
          merchantSerialNo: field('merchantSerialNo'),
          platformPublicKeys: credentials.platformPublicKeys as Record<string, string>,
          apiV3Key: field('apiV3Key'),
          products: ['qrPay'],
        }),
        // Native: a code for the WeChat app to scan (the simulator's code_url is a pay page on it).
        method: 'qrPay',
      };
  }
};

/** The enabled channels, built once per instance from the environment. */
export const channelRegistryFromEnvironment = (env: NodeJS.ProcessEnv): ChannelRegistry => {
  const registry = new Map<CheckoutChannelId, EnabledChannel>();
  for (const channel of CHECKOUT_CHANNELS) {
    const baseUrl = env[CHANNEL_VARIABLES[channel].url];
    const credentialsFile = env[CHANNEL_VARIABLES[channel].credentials];
    if (!baseUrl || !credentialsFile) continue;
    registry.set(channel, build(channel, baseUrl, readCredentials(channel, credentialsFile)));
  }
  return registry;
};
