import type { CredentialsProvider } from './aws-credentials.ts';
import { type ResponseMetadata, serviceError, stampAttempts } from './aws-service-error.ts';
import { Http1ConnectionPool } from './http1-connection-pool.ts';
import { type RetryPolicy, standardRetryPolicy } from './retry-policy.ts';
import { AwsJsonRequestSigner, type SigningCredentials } from './sigv4.ts';

export interface AwsJsonClientOptions {
  /** The signing name: `dynamodb`, `kms`, `secretsmanager`, `sqs`. */
  readonly service: string;
  /** `X-Amz-Target` prefix: `DynamoDB_20120810.`, `TrentService.`, `secretsmanager.`, `AmazonSQS.`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.0` (DynamoDB, SQS) or `application/x-amz-json-1.1` (KMS, Secrets Manager). */
  readonly contentType: string;
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: CredentialsProvider;
  readonly retry?: RetryPolicy;
  /** Connections kept alive to the endpoint at most (the SDK's default, 50). */
  readonly maxSockets?: number;
  /** Turns service-specific fields of an error body into values (DynamoDB's marshalled `Item`). */
  readonly decodeErrorMembers?: (data: Record<string, unknown>) => Record<string, unknown>;
}

/** What callers of an AWS JSON API need: one operation at a time. Tests stand in for it with a fake. */
export interface AwsJsonApi {
  call(operation: string, input: unknown): Promise<{ output: Record<string, unknown>; $metadata: ResponseMetadata }>;
}

/** Header values go into the request head verbatim. */
const UNSAFE_HEADER_VALUE = /[\r\n\0]/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class UnreadableResponseError extends Error {}

/**
 * An AWS service's JSON protocol (`POST /` with `X-Amz-Target: <prefix><Operation>`), signed with SigV4, over
 * keep-alive connections, with the standard retry policy. It is what the platform's functions use instead of the AWS
 * SDK's clients: the same wire requests at a fraction of the code (the SDK's middleware stack, endpoint rules,
 * schema serde and credential provider chain were over half of every function bundle and most of its cold start —
 * `bench/functions.bench.ts`) and of the CPU per call (`fast path` numbers in `document-client.ts`).
 *
 * A response that is not 2xx becomes an `AwsServiceError` named after the service's error type; a network failure
 * stays Node's error with its `code`. Both are retried when the policy says so; the error finally thrown carries
 * `$metadata.attempts`.
 */
export class AwsJsonClient implements AwsJsonApi {
  readonly #options: AwsJsonClientOptions;
  readonly #pool: Http1ConnectionPool;
  readonly #signer: AwsJsonRequestSigner;
  readonly #retry: RetryPolicy;

  constructor(options: AwsJsonClientOptions) {
    const url = new URL(options.endpoint);
    if (url.pathname !== '/' || url.search !== '') {
      throw new TypeError(`${options.service} endpoint ${options.endpoint}: a path or query is not supported`);
    }
    this.#options = options;
    this.#pool = new Http1ConnectionPool({ origin: url, maxSockets: options.maxSockets ?? 50 });
    this.#signer = new AwsJsonRequestSigner(options.region, options.service);
    this.#retry = options.retry ?? standardRetryPolicy();
  }

  /** Sends `operation` with its JSON input; the parsed output with `$metadata`, or the error once retries are spent. */
  async call(
    operation: string,
    input: unknown,
  ): Promise<{ output: Record<string, unknown>; $metadata: ResponseMetadata }> {
    const target = `${this.#options.targetPrefix}${operation}`;
    const body = JSON.stringify(input);
    let totalRetryDelay = 0;
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown;
      try {
        const response = await this.#post(await this.#options.credentials(), target, body);
        const $metadata: ResponseMetadata = {
          httpStatusCode: response.statusCode,
          requestId: response.headers['x-amzn-requestid'],
          attempts: attempt,
          totalRetryDelay,
        };
        if (response.statusCode >= 200 && response.statusCode < 300) {
          return { output: parseSuccess(response.body, $metadata), $metadata };
        }
        failure = serviceError(
          response.statusCode,
          response.headers,
          response.body,
          $metadata,
          this.#options.decodeErrorMembers,
        );
      } catch (error) {
        if (error instanceof UnreadableResponseError) throw error.cause; // the call happened: not retried
        failure = error;
      }
      const delay = this.#retry.delayAfter(attempt, failure);
      if (delay === undefined) throw stampAttempts(failure, attempt, totalRetryDelay);
      totalRetryDelay += delay;
      if (delay > 0) await sleep(delay);
    }
  }

  destroy(): void {
    this.#pool.destroy();
  }

  #post(credentials: SigningCredentials, target: string, body: string) {
    const token = credentials.sessionToken;
    if (UNSAFE_HEADER_VALUE.test(credentials.accessKeyId) || (token && UNSAFE_HEADER_VALUE.test(token))) {
      throw new TypeError('credentials contain characters not allowed in an HTTP header');
    }
    const { contentType } = this.#options;
    const host = this.#pool.host;
    const signed = this.#signer.sign({ credentials, host, contentType, target, body });
    const head =
      `POST / HTTP/1.1\r\nhost: ${host}\r\ncontent-type: ${contentType}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-amz-target: ${target}\r\n` +
      `x-amz-date: ${signed['x-amz-date']}\r\nauthorization: ${signed.authorization}\r\n` +
      (token ? `x-amz-security-token: ${token}\r\n` : '');
    return this.#pool.request(head, body);
  }
}

/** A 2xx body that is not JSON: the operation went through, so it must not be retried. */
const parseSuccess = (body: string, $metadata: ResponseMetadata): Record<string, unknown> => {
  try {
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch (error) {
    throw new UnreadableResponseError('unreadable response', { cause: Object.assign(error as Error, { $metadata }) });
  }
};
