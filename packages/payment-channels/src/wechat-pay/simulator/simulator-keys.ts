import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { randomAlphanumeric, randomDigits } from './random-text.ts';

const generateRsaKeyPair = promisify(generateKeyPair);

/**
 * The secrets of a WeChat Pay v3 merchant integration, generated fresh for a simulator:
 *
 * - the merchant's API key pair (商户API证书私钥 `apiclient_key.pem`, PKCS#8 PEM) and the serial number of its
 *   certificate (40 hex digits). The merchant signs every request with the private key. WeChat Pay knows the public
 *   key through the certificate, identified by the serial;
 * - WeChat Pay's key pair in public-key mode (微信支付公钥): WeChat Pay signs answers and notifications with the private
 *   key, and the merchant verifies them with the public key (SPKI PEM), identified by `PUB_KEY_ID_…` in the
 *   `Wechatpay-Serial` header;
 * - the APIv3 key: 32 characters, shared, the AES-256-GCM key of notification resources.
 */
export interface WechatPayKeys {
  readonly merchantPrivateKey: string;
  readonly merchantPublicKey: string;
  readonly merchantSerialNo: string;
  readonly platformPrivateKey: string;
  readonly platformPublicKey: string;
  readonly platformPublicKeyId: string;
  readonly apiV3Key: string;
}

const rsaPair = () =>
  generateRsaKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const generateWechatPayKeys = async (): Promise<WechatPayKeys> => {
  const [merchant, platform] = await Promise.all([rsaPair(), rsaPair()]);
  return {
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    platformPublicKeyId: `PUB_KEY_ID_01${randomDigits(30)}`,
    apiV3Key: randomAlphanumeric(32),
  };
};
