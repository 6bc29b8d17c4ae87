import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SigningCredentials } from '../sigv4.ts';

const toBytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** `@smithy/signature-v4`'s hash constructor, on node:crypto: the SDK's signer, the reference the tests compare with. */
export class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.#hash.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.#hash.digest());
  }
  reset() {}
}

/** The SDK's signer as its S3 client configures it: paths as sent (`uriEscapePath: false`), no checksum of its own. */
const sdkS3Signer = (credentials: SigningCredentials, region: string) =>
  new SignatureV4({ credentials, region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });

/** The SDK's signature of the same S3 request (`uriEscapePath: false`, as the SDK's S3 client signs). */
export const sdkS3Authorization = async (options: {
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** Every header signed, `host` and the `x-amz-*` ones included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly date: Date;
}): Promise<string> => {
  const signer = sdkS3Signer(options.credentials, options.region);
  const [hostname, port] = options.host.split(':');
  const signed = (await signer.sign(
    {
      method: options.method,
      protocol: 'https:',
      hostname: hostname as string,
      ...(port ? { port: Number(port) } : {}),
      path: options.path,
      query: {},
      // The SDK adds x-amz-date and x-amz-security-token itself, and reads the payload hash from the header.
      headers: Object.fromEntries(
        Object.entries(options.headers).filter(([name]) => name !== 'x-amz-date' && name !== 'x-amz-security-token'),
      ),
    } as never,
    { signingDate: options.date },
  )) as unknown as { headers: Record<string, string> };
  return signed.headers.authorization as string;
};

/** The SDK's presigned GET of the same object (as `@aws-sdk/s3-request-presigner` signs it): its query string. */
export const sdkS3PresignedQuery = async (options: {
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly host: string;
  readonly path: string;
  readonly expiresInSeconds: number;
  readonly date: Date;
}): Promise<string> => {
  const signer = sdkS3Signer(options.credentials, options.region);
  const presigned = (await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: options.host,
      path: options.path,
      query: {},
      headers: { host: options.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    } as never,
    {
      signingDate: options.date,
      expiresIn: options.expiresInSeconds,
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    },
  )) as unknown as { query: Record<string, string> };
  return Object.entries(presigned.query)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
};
