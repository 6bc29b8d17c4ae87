import { createHash } from 'node:crypto';
import type { Agent, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { type CredentialsProvider, environmentCredentials } from './aws-credentials.ts';
import { endpointOverride, regionOf, serviceEndpoint } from './aws-endpoint.ts';
import { AwsServiceError, type ResponseMetadata, stampAttempts } from './aws-service-error.ts';
import { type RetryPolicy, standardRetryPolicy } from './retry-policy.ts';
import { S3RequestSigner, uriEncode } from './s3-request-signer.ts';

/** An object body too large to hold in memory, sent as a stream (a file spooled to disk). */
export interface StreamedObjectBody {
  readonly contentLength: number;
  /** The SHA-256 of the bytes, which the caller computed as it wrote them: the upload is signed with it. */
  readonly sha256: Buffer;
  /** A fresh stream of the bytes, for each attempt. */
  open(): Readable;
}

export type ObjectBody = string | Uint8Array | StreamedObjectBody;

export interface PutObjectOptions {
  readonly contentType?: string;
  /** Kept with the object and sent with it: `attachment; filename="…"` makes a browser save it under that name. */
  readonly contentDisposition?: string;
  /** User metadata (`x-amz-meta-<name>`): lower-case names, printable ASCII values. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What callers of S3 need: one object at a time. Tests stand in for it with a fake. */
export interface S3ObjectApi {
  /** Puts the object with its SHA-256 as S3's checksum (`x-amz-checksum-sha256`), which S3 keeps and checks. */
  putObject(bucket: string, key: string, body: ObjectBody, options?: PutObjectOptions): Promise<void>;
  /**
   * The object's bytes as they arrive; past the last, an `S3ChecksumMismatchError` if they do not hash to the
   * SHA-256 S3 keeps for the object. A key that does not exist throws an `AwsServiceError` named `NoSuchKey`.
   */
  getObject(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>>;
  /** A plain GET URL of the object, signed to last `expiresInSeconds`. */
  presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
}

export interface S3ObjectClientOptions {
  readonly region: string;
  /** `https://s3.<region>.amazonaws.com`, or a stand-in's URL. */
  readonly endpoint: string;
  /** The bucket in the path (`/<bucket>/<key>`), as stand-ins want it, rather than in the host name. */
  readonly pathStyle: boolean;
  readonly credentials: CredentialsProvider;
  readonly retry?: RetryPolicy;
  /** Connections kept alive to the endpoint at most (the SDK's default, 50). */
  readonly maxSockets?: number;
}

export class S3ChecksumMismatchError extends Error {
  constructor(key: string, actual: string, expected: string) {
    super(`The bytes of ${key} hash to SHA-256 ${actual}, S3 keeps ${expected} for the object.`);
    this.name = 'S3ChecksumMismatchError';
  }
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');
/** Bucket names that can be a host name label under a wildcard certificate (no dots, no upper case). */
const VIRTUAL_HOSTABLE = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const METADATA_NAME = /^[a-z0-9][a-z0-9-]*$/;

const xmlText = (xml: string, element: string): string | undefined =>
  new RegExp(`<${element}>([^<]*)</${element}>`)
    .exec(xml)?.[1]
    ?.replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
    );

const inMemory = (body: ObjectBody): body is string | Uint8Array =>
  typeof body === 'string' || body instanceof Uint8Array;

const metadataHeaders = (metadata: Readonly<Record<string, string>> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(metadata).map(([name, value]) => {
      if (!METADATA_NAME.test(name) || !PRINTABLE_ASCII.test(value)) {
        throw new TypeError(`S3 metadata ${name}: lower-case names and printable ASCII values only.`);
      }
      return [`x-amz-meta-${name}`, value];
    }),
  );

/** Passes the bytes on; at the end, throws unless they hash to `expected` (base64). */
async function* checkedSha256(body: AsyncIterable<Uint8Array>, key: string, expected: string) {
  const hash = createHash('sha256');
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = hash.digest('base64');
  if (actual !== expected) throw new S3ChecksumMismatchError(key, actual, expected);
}

/**
 * S3's REST API for whole objects (PutObject, GetObject), signed with SigV4, over keep-alive connections, with the
 * standard retry policy: what the reconciliation's statement archive needs, without the AWS SDK's S3 client (about
 * 450 KiB of a function's bundle). Uploads are signed with the payload's SHA-256 and carry it as S3's checksum;
 * downloads ask for the checksum (`x-amz-checksum-mode: ENABLED`) and check it, as the SDK does.
 *
 * An answer that is not 2xx becomes an `AwsServiceError` named after S3's error `Code` (`NoSuchKey`, `AccessDenied`,
 * `SlowDown`); a network failure stays Node's error with its `code`. Both are retried when the policy says so (a
 * streamed body is opened again), and only until an answer's body starts.
 */
export class S3ObjectClient implements S3ObjectApi {
  readonly #endpoint: URL;
  readonly #pathStyle: boolean;
  readonly #credentials: CredentialsProvider;
  readonly #signer: S3RequestSigner;
  readonly #retry: RetryPolicy;
  readonly #http: typeof import('node:http') | typeof import('node:https');
  readonly #agent: Agent;

  constructor(options: S3ObjectClientOptions) {
    this.#endpoint = new URL(options.endpoint);
    if (this.#endpoint.pathname !== '/' || this.#endpoint.search !== '') {
      throw new TypeError(`S3 endpoint ${options.endpoint}: a path or query is not supported`);
    }
    this.#pathStyle = options.pathStyle;
    this.#credentials = options.credentials;
    this.#signer = new S3RequestSigner(options.region);
    this.#retry = options.retry ?? standardRetryPolicy();
    // The module object, not `import … from 'node:http'`: building node:http's ESM facade reads its lazy WebSocket
    // getters, which load Node's whole undici (about 20 ms of every cold start that merely bundles this client).
    this.#http = process.getBuiltinModule(this.#endpoint.protocol === 'https:' ? 'node:https' : 'node:http');
    this.#agent = new this.#http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 50 });
  }

  async putObject(bucket: string, key: string, body: ObjectBody, options: PutObjectOptions = {}): Promise<void> {
    const sha256 = inMemory(body) ? createHash('sha256').update(body).digest() : body.sha256;
    const contentLength = inMemory(body) ? Buffer.byteLength(body) : body.contentLength;
    const headers = {
      'content-length': String(contentLength),
      'x-amz-checksum-sha256': sha256.toString('base64'),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...(options.contentDisposition ? { 'content-disposition': options.contentDisposition } : {}),
      ...metadataHeaders(options.metadata),
    };
    const response = await this.#exchange('PUT', bucket, key, headers, sha256.toString('hex'), body);
    response.resume();
  }

  async getObject(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    const response = await this.#exchange('GET', bucket, key, { 'x-amz-checksum-mode': 'ENABLED' }, EMPTY_SHA256);
    const checksum = response.headers['x-amz-checksum-sha256'];
    // A multipart object's checksum is of its parts' checksums (`…-<parts>`), not of its bytes: not checkable here.
    if (typeof checksum !== 'string' || checksum.includes('-')) return response;
    return checkedSha256(response, key, checksum);
  }

  /**
   * A URL that fetches the object with a plain GET until `expiresInSeconds` have passed (a download handed to a
   * browser), signed with the client's credentials of now. It lasts no longer than those credentials do.
   */
  async presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    const target = this.#target(bucket, key);
    const query = this.#signer.presignGet({
      credentials: await this.#credentials(),
      host: target.host,
      path: target.path,
      expiresInSeconds,
    });
    return `${this.#endpoint.protocol}//${target.host}${target.path}?${query}`;
  }

  destroy(): void {
    this.#agent.destroy();
  }

  /**
   * Virtual-hosted style (`<bucket>.s3.<region>.amazonaws.com`) unless asked for paths or the bucket name cannot be
   * a host label under S3's wildcard certificate.
   */
  #target(bucket: string, key: string): { readonly hostname: string; readonly host: string; readonly path: string } {
    const encodedKey = key.split('/').map(uriEncode).join('/');
    const virtual = !this.#pathStyle && VIRTUAL_HOSTABLE.test(bucket);
    const prefix = virtual ? `${bucket}.` : '';
    return {
      hostname: `${prefix}${this.#endpoint.hostname}`,
      host: `${prefix}${this.#endpoint.host}`,
      path: virtual ? `/${encodedKey}` : `/${uriEncode(bucket)}/${encodedKey}`,
    };
  }

  /** The 2xx answer, its body unread; or the failure once the retry policy gives up. */
  async #exchange(
    method: 'GET' | 'PUT',
    bucket: string,
    key: string,
    headers: Readonly<Record<string, string>>,
    payloadSha256: string,
    body?: ObjectBody,
  ): Promise<IncomingMessage> {
    const target = this.#target(bucket, key);
    let totalRetryDelay = 0;
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown;
      try {
        const signed = this.#signer.sign({
          credentials: await this.#credentials(),
          method,
          host: target.host,
          path: target.path,
          headers,
          payloadSha256,
        });
        const response = await this.#send(method, target, signed, body);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return response;
        failure = await errorOf(response, { httpStatusCode: status, attempts: attempt, totalRetryDelay });
      } catch (error) {
        failure = error;
      }
      const delay = this.#retry.delayAfter(attempt, failure);
      if (delay === undefined) throw stampAttempts(failure, attempt, totalRetryDelay);
      totalRetryDelay += delay;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  #send(
    method: string,
    target: { readonly hostname: string; readonly path: string },
    headers: Record<string, string>,
    body?: ObjectBody,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      // `path` is sent as it is: a URL object would resolve `.` and `..` segments of the key.
      const request = this.#http.request(
        {
          protocol: this.#endpoint.protocol,
          hostname: target.hostname,
          port: this.#endpoint.port,
          method,
          path: target.path,
          headers,
          agent: this.#agent,
        },
        resolve,
      );
      request.once('error', reject);
      if (body === undefined || inMemory(body)) request.end(body);
      else pipeline(body.open(), request).catch(reject);
    });
  }
}

/** S3's XML error answer as an `AwsServiceError` named after its `Code`. */
const errorOf = async (response: IncomingMessage, metadata: ResponseMetadata): Promise<AwsServiceError> => {
  const status = metadata.httpStatusCode ?? 0;
  const xml = await text(response).catch(() => '');
  const name = xmlText(xml, 'Code') ?? `Http${status}`;
  const requestId = response.headers['x-amz-request-id'];
  return new AwsServiceError(
    name,
    xmlText(xml, 'Message') ?? `${name} (HTTP ${status})`,
    status < 500 ? 'client' : 'server',
    { ...metadata, ...(typeof requestId === 'string' ? { requestId } : {}) },
  );
};

/**
 * An S3 client in the function's region with the function's credentials, both from its environment; sent to
 * `AWS_ENDPOINT_URL_S3` (or `AWS_ENDPOINT_URL`) path-style when one is set, as for a local stand-in.
 */
export const s3ObjectClient = (
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly credentials?: CredentialsProvider } = {},
): S3ObjectClient => {
  const override = endpointOverride('s3', env);
  const region = override ? (env.AWS_REGION ?? 'local') : regionOf(env);
  return new S3ObjectClient({
    region,
    endpoint: override ?? serviceEndpoint('s3', region, env),
    pathStyle: override !== undefined,
    credentials: options.credentials ?? environmentCredentials(env),
  });
};
