import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAlipayKeys, generateWechatPayKeys } from '@platform/payment-channels';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelConfigurationError,
  channelRegistryFromEnvironment,
  DECLARED_CAPABILITIES,
} from './channel-registry.ts';

/** The same JSON the local runtime writes to its credential files and an operator puts into the deployed secrets. */
let alipay: Record<string, unknown>;
let wechatPay: Record<string, unknown>;

beforeAll(async () => {
  const [alipayKeys, wechatKeys] = await Promise.all([generateAlipayKeys(), generateWechatPayKeys()]);
  alipay = {
    appId: '2021000000000001',
    sellerId: '2088000000000001',
    appPrivateKey: alipayKeys.appPrivateKey,
    alipayPublicKey: alipayKeys.alipayPublicKey,
  };
  wechatPay = {
    mchid: '1900000001',
    appid: 'wx0000000000000001',
    merchantPrivateKey: wechatKeys.merchantPrivateKey,
    merchantSerialNo: wechatKeys.merchantSerialNo,
    platformPublicKeys: { [wechatKeys.platformPublicKeyId]: wechatKeys.platformPublicKey },
    apiV3Key: wechatKeys.apiV3Key,
  };
});

const fileOf = (value: unknown): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'channels-')), 'credentials.json');
  writeFileSync(path, JSON.stringify(value), { mode: 0o600 });
  return path;
};

describe('channelRegistryFromEnvironment', () => {
  it('builds the channels of credential files at once (the local runtime)', () => {
    const registry = channelRegistryFromEnvironment(
      { ALIPAY_URL: 'http://127.0.0.1:1', ALIPAY_CREDENTIALS_FILE: fileOf(alipay) },
      () => Promise.reject(new Error('no secret is read')),
    );
    expect([...registry.keys()]).toEqual(['alipay']);
    expect(registry.get('alipay')?.method).toBe('pagePay');
  });

  it('declares, for a channel whose credentials are a secret, what the adapter built from them declares', () => {
    const env = {
      SANDBOX_CHANNEL_URL: 'http://127.0.0.1:1',
      SANDBOX_CHANNEL_CREDENTIALS_FILE: fileOf({ secret: 'sandbox-secret-of-at-least-some-length' }),
      ALIPAY_URL: 'http://127.0.0.1:1',
      ALIPAY_CREDENTIALS_FILE: fileOf(alipay),
      WECHAT_PAY_URL: 'http://127.0.0.1:1',
      WECHAT_PAY_CREDENTIALS_FILE: fileOf(wechatPay),
    };
    const built = channelRegistryFromEnvironment(env);
    for (const [channel, enabled] of built) {
      expect([...enabled.adapter.capabilities].sort(), channel).toEqual([...DECLARED_CAPABILITIES[channel]].sort());
    }
    expect(built.size).toBe(3);
  });

  it('reads a channel’s secret on its first call only, and tries again after a failed read', async () => {
    const reads: string[] = [];
    let value: Record<string, unknown> | undefined;
    const registry = channelRegistryFromEnvironment(
      { WECHAT_PAY_URL: 'http://127.0.0.1:9', WECHAT_PAY_CREDENTIALS_SECRET_ID: 'arn:aws:secretsmanager:wechat' },
      async (secretId) => {
        reads.push(secretId);
        if (!value) throw new Error(`secret ${secretId} has no value yet`);
        return value;
      },
    );
    const wechat = registry.get('wechat-pay');
    expect(wechat?.method).toBe('qrPay');
    expect(wechat?.adapter.id).toBe('wechat-pay');
    expect([...(wechat?.adapter.capabilities ?? [])]).toContain('qrPay');
    expect(reads).toEqual([]);

    // Not set yet: the call fails with a configuration error naming the secret, and nothing is kept.
    await expect(wechat?.adapter.queryPayment('N1')).rejects.toThrow(ChannelConfigurationError);
    await expect(wechat?.adapter.queryPayment('N1')).rejects.toThrow(/arn:aws:secretsmanager:wechat/);
    expect(reads).toHaveLength(2);

    // Set: the adapter is built from it once; the call reaches the channel (nothing listens on port 9).
    value = wechatPay;
    await expect(wechat?.adapter.queryPayment('N1')).rejects.not.toThrow(ChannelConfigurationError);
    await expect(wechat?.adapter.queryPayment('N2')).rejects.not.toThrow(ChannelConfigurationError);
    expect(reads).toHaveLength(3);
  });

  it('refuses a secret without the channel’s fields, and enables no channel without a URL', async () => {
    const registry = channelRegistryFromEnvironment(
      {
        ALIPAY_URL: 'http://127.0.0.1:9',
        ALIPAY_CREDENTIALS_SECRET_ID: 'arn:alipay',
        WECHAT_PAY_CREDENTIALS_SECRET_ID: 'arn:wechat',
      },
      async () => ({ appId: '2021000000000001' }),
    );
    expect([...registry.keys()]).toEqual(['alipay']);
    await expect(registry.get('alipay')?.adapter.queryPayment('N1')).rejects.toThrow(ChannelConfigurationError);
  });
});
