import { createCipheriv, createSign, createVerify, type KeyObject } from 'node:crypto';
import { randomAlphanumeric } from './random-text.ts';

/**
 * The WeChat Pay APIv3 signing and encryption rules, written here from WeChat Pay's documentation (签名生成, 签名验证,
 * 回调报文解密) and independently of `wechatpay-axios-plugin`, so that the simulator checks the library rather than
 * agreeing with it by construction.
 *
 * - A signed message is its lines, each followed by `\n`: a request is `METHOD`, the URL path with its query,
 *   the timestamp (Unix seconds), the nonce and the body (empty for GET); an answer or a notification is the timestamp,
 *   the nonce and the body. The signature is SHA256withRSA, base64.
 * - Requests carry `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",
 *   serial_no="…"` (any order).
 * - A notification's resource is AEAD_AES_256_GCM with the APIv3 key, a 12-character nonce and `associated_data` as
 *   AAD. `ciphertext` is base64 of the ciphertext followed by the 16-byte tag.
 */
export const AUTHORIZATION_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export const signedMessage = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

export const signLines = (lines: readonly string[], privateKey: string | KeyObject): string =>
  createSign('RSA-SHA256').update(signedMessage(lines), 'utf8').sign(privateKey, 'base64');

export const verifyLines = (lines: readonly string[], signature: string, publicKey: string | KeyObject): boolean => {
  try {
    return createVerify('RSA-SHA256').update(signedMessage(lines), 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};

export interface AuthorizationParams {
  readonly mchid: string;
  readonly nonce_str: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly serial_no: string;
}

const AUTHORIZATION_FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

/** The Authorization header's parameters, or `undefined` when it is missing, of another schema or incomplete. */
export const parseAuthorization = (header: string | undefined): AuthorizationParams | undefined => {
  if (!header?.startsWith(`${AUTHORIZATION_SCHEMA} `)) return undefined;
  const params = new Map<string, string>();
  for (const part of header.slice(AUTHORIZATION_SCHEMA.length + 1).split(',')) {
    const match = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1] || match[2] === undefined) return undefined;
    params.set(match[1], match[2]);
  }
  const values = AUTHORIZATION_FIELDS.map((field) => params.get(field));
  if (values.some((value) => !value)) return undefined;
  const [mchid = '', nonce_str = '', signature = '', timestamp = '', serial_no = ''] = values;
  return { mchid, nonce_str, signature, timestamp, serial_no };
};

export const authorizationHeader = (params: AuthorizationParams): string =>
  `${AUTHORIZATION_SCHEMA} ${AUTHORIZATION_FIELDS.map((field) => `${field}="${params[field]}"`).join(',')}`;

export interface EncryptedResource {
  readonly algorithm: 'AEAD_AES_256_GCM';
  readonly ciphertext: string;
  readonly associated_data: string;
  readonly nonce: string;
}

export const encryptResource = (plaintext: string, apiV3Key: string, associatedData: string): EncryptedResource => {
  const nonce = randomAlphanumeric(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ciphertext.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
};

export interface SignatureHeaders {
  readonly 'Wechatpay-Timestamp': string;
  readonly 'Wechatpay-Nonce': string;
  readonly 'Wechatpay-Signature': string;
  readonly 'Wechatpay-Serial': string;
  readonly 'Wechatpay-Signature-Type': typeof AUTHORIZATION_SCHEMA;
}

/** The headers WeChat Pay puts on an answer or a notification: `timestamp\nnonce\nbody\n` signed. */
export const signatureHeaders = (
  body: string,
  signer: { readonly privateKey: string | KeyObject; readonly serial: string },
  epochSeconds: number,
): SignatureHeaders => {
  const timestamp = String(epochSeconds);
  const nonce = randomAlphanumeric(32);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signLines([timestamp, nonce, body], signer.privateKey),
    'Wechatpay-Serial': signer.serial,
    'Wechatpay-Signature-Type': AUTHORIZATION_SCHEMA,
  };
};
