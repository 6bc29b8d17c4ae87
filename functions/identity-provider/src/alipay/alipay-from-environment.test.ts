import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alipayPaymentAccountFromEnvironment } from './alipay-from-environment.ts';

describe('alipayPaymentAccountFromEnvironment (deployed: the login app from its secret)', () => {
  it('reads the secret named by the identity stack and uses Alipay’s two hosts as configured', async () => {
    const pair = () =>
      generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      });
    const keys = { appPrivateKey: pair().privateKey, alipayPublicKey: pair().publicKey };
    const reads: string[] = [];
    const verifier = await alipayPaymentAccountFromEnvironment(
      {
        IDENTITY_ALIPAY_GATEWAY_URL: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
        IDENTITY_ALIPAY_AUTHORISE_URL: 'https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm',
        IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID: 'arn:aws:secretsmanager:alipay-login',
      },
      async (id) => {
        reads.push(id);
        return { appId: '2021000000000002', appPrivateKey: keys.appPrivateKey, alipayPublicKey: keys.alipayPublicKey };
      },
    );
    expect(reads).toEqual(['arn:aws:secretsmanager:alipay-login']);
    expect(verifier).toBeDefined();
  });

  it('offers no method without the whole configuration, and refuses a secret without the app keys', async () => {
    expect(await alipayPaymentAccountFromEnvironment({ IDENTITY_ALIPAY_GATEWAY_URL: 'https://x' })).toBeUndefined();
    const attempt = alipayPaymentAccountFromEnvironment(
      {
        IDENTITY_ALIPAY_GATEWAY_URL: 'https://openapi.alipay.com/gateway.do',
        IDENTITY_ALIPAY_AUTHORISE_URL: 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm',
        IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID: 'arn:x',
      },
      async () => ({ appId: '2021000000000002' }),
    );
    await expect(attempt).rejects.toThrow(/secret arn:x has no appPrivateKey/);
  });
});
