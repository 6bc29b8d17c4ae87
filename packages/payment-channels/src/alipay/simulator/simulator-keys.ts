import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generateRsaKeyPair = promisify(generateKeyPair);

/**
 * The two RSA-2048 key pairs of an Alipay integration in public-key mode. The app's pair: the merchant keeps the
 * private key and uploads the public key. Alipay's pair: Alipay keeps the private key and publishes the public key to
 * the merchant. Private keys are PKCS#1 PEM (the SDK's default `keyType`), public keys SPKI PEM.
 */
export interface AlipayKeys {
  readonly appPrivateKey: string;
  readonly appPublicKey: string;
  readonly alipayPrivateKey: string;
  readonly alipayPublicKey: string;
}

const rsaPair = () =>
  generateRsaKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });

export const generateAlipayKeys = async (): Promise<AlipayKeys> => {
  const [app, alipay] = await Promise.all([rsaPair(), rsaPair()]);
  return {
    appPrivateKey: app.privateKey,
    appPublicKey: app.publicKey,
    alipayPrivateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
  };
};
