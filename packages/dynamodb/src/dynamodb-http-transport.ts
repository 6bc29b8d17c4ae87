import {
  BackupInUseException,
  BackupNotFoundException,
  ConditionalCheckFailedException,
  ContinuousBackupsUnavailableException,
  DuplicateItemException,
  DynamoDBServiceException,
  ExportConflictException,
  ExportNotFoundException,
  GlobalTableAlreadyExistsException,
  GlobalTableNotFoundException,
  IdempotentParameterMismatchException,
  ImportConflictException,
  ImportNotFoundException,
  IndexNotFoundException,
  InternalServerError,
  InvalidEndpointException,
  InvalidExportTimeException,
  InvalidRestoreTimeException,
  ItemCollectionSizeLimitExceededException,
  LimitExceededException,
  PointInTimeRecoveryUnavailableException,
  PolicyNotFoundException,
  ProvisionedThroughputExceededException,
  ReplicaAlreadyExistsException,
  ReplicaNotFoundException,
  ReplicatedWriteConflictException,
  RequestLimitExceeded,
  ResourceInUseException,
  ResourceNotFoundException,
  TableAlreadyExistsException,
  TableInUseException,
  TableNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import { decodeWireItem } from './attribute-wire.ts';
import { Http1ConnectionPool } from './http1-connection-pool.ts';
import { DynamoDbRequestSigner, type SigningCredentials } from './sigv4.ts';

/**
 * DynamoDB's JSON protocol (`POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>`) over keep-alive
 * connections (`http1-connection-pool.ts`): what `fast-document-client.ts` sends its commands through.
 *
 * It keeps what callers and operators rely on from the SDK:
 * - SigV4 (`sigv4.ts`) with the SDK's own credential provider, so credentials resolve and refresh as before;
 * - the SDK's own retry strategy object (same maximum attempts, backoff and retry quota, shared with the SDK path),
 *   with the SDK's classification of throttling and transient errors;
 * - errors as the SDK throws them: instances of the SDK's exception classes (`ConditionalCheckFailedException`, …,
 *   or `DynamoDBServiceException` named after the error type), with `$fault`, `$metadata` (`httpStatusCode`,
 *   `requestId`, `attempts`, `totalRetryDelay`) and the modelled members (`Item`, `CancellationReasons`, with
 *   items still marshalled, binaries decoded); network failures as Node's errors with their `code`, the ones the
 *   SDK calls timeouts renamed `TimeoutError` as its HTTP handler does.
 * and drops what costs without serving us: the per-request middleware stack, endpoint rules evaluation,
 * user-agent assembly and the generic schema serde.
 */

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'DynamoDB_20120810.';

/** The retry strategy interface of the SDK (`config.retryStrategy()`): `@smithy/types` `RetryStrategyV2`. */
export interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(
    token: RetryToken,
    errorInfo: { error: unknown; errorType: RetryErrorType },
  ): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  $retryLog?: { acquisitionDelay?: number };
}
export type RetryErrorType = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

export interface DynamoDbHttpTransportOptions {
  /** Where to send requests, e.g. `https://dynamodb.eu-west-1.amazonaws.com` or DynamoDB Local's URL. */
  readonly endpoint: () => Promise<string>;
  /** The signing region. */
  readonly region: () => Promise<string>;
  /** The SDK's credential provider; what it resolves is reused until five minutes before it expires. */
  readonly credentials: () => Promise<SigningCredentials & { expiration?: Date }>;
  readonly retryStrategy: () => Promise<RetryStrategyV2>;
  /** Connections are kept alive and reused; at most this many to the endpoint at once (the SDK's default, 50). */
  readonly maxSockets?: number;
}

// ---- error classification, as @smithy/core/retry does it ----

const THROTTLING_ERROR_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_ERROR_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_ERROR_STATUS_CODES = new Set([500, 502, 503, 504]);
const NODEJS_TIMEOUT_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const NODEJS_NETWORK_ERROR_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What `@smithy/node-http-handler` renames to `TimeoutError`. */
const HANDLER_TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

type ErrorLike = {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: ResponseMetadata & { clockSkewCorrected?: boolean };
};

const isThrottlingError = (error: ErrorLike): boolean =>
  error.$metadata?.httpStatusCode === 429 ||
  THROTTLING_ERROR_CODES.has(error.name ?? '') ||
  error.$retryable?.throttling === true;

const isTransientError = (error: ErrorLike | undefined, depth = 0): boolean =>
  error !== undefined &&
  error !== null &&
  error.name !== 'AbortError' &&
  (error.$retryable !== undefined ||
    error.$metadata?.clockSkewCorrected === true ||
    (error.name === 'InvalidSignatureException' && (error.message ?? '').includes('Signature expired')) ||
    TRANSIENT_ERROR_CODES.has(error.name ?? '') ||
    NODEJS_TIMEOUT_ERROR_CODES.has(error.code ?? '') ||
    NODEJS_NETWORK_ERROR_CODES.has(error.code ?? '') ||
    TRANSIENT_ERROR_STATUS_CODES.has(error.$metadata?.httpStatusCode ?? 0) ||
    (error.code === 'ERR_HTTP2_STREAM_ERROR' && (error.message ?? '').includes('NGHTTP2_REFUSED_STREAM')) ||
    (error.cause !== undefined && depth <= 10 && isTransientError(error.cause as ErrorLike, depth + 1)));

export const retryErrorType = (error: unknown): RetryErrorType => {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (isThrottlingError(candidate)) return 'THROTTLING';
  if (isTransientError(candidate)) return 'TRANSIENT';
  const status = candidate.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500 && status <= 599) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
};

// ---- service errors, as @aws-sdk/core's JSON-RPC protocol builds them ----

type ExceptionConstructor = new (options: { $metadata: ResponseMetadata; message: string }) => DynamoDBServiceException;

/** The SDK's modelled DynamoDB exceptions by name, so that `instanceof` and `name` checks keep working. */
const EXCEPTIONS = new Map<string, ExceptionConstructor>(
  (
    [
      ['BackupInUseException', BackupInUseException],
      ['BackupNotFoundException', BackupNotFoundException],
      ['ConditionalCheckFailedException', ConditionalCheckFailedException],
      ['ContinuousBackupsUnavailableException', ContinuousBackupsUnavailableException],
      ['DuplicateItemException', DuplicateItemException],
      ['ExportConflictException', ExportConflictException],
      ['ExportNotFoundException', ExportNotFoundException],
      ['GlobalTableAlreadyExistsException', GlobalTableAlreadyExistsException],
      ['GlobalTableNotFoundException', GlobalTableNotFoundException],
      ['IdempotentParameterMismatchException', IdempotentParameterMismatchException],
      ['ImportConflictException', ImportConflictException],
      ['ImportNotFoundException', ImportNotFoundException],
      ['IndexNotFoundException', IndexNotFoundException],
      ['InternalServerError', InternalServerError],
      ['InvalidEndpointException', InvalidEndpointException],
      ['InvalidExportTimeException', InvalidExportTimeException],
      ['InvalidRestoreTimeException', InvalidRestoreTimeException],
      ['ItemCollectionSizeLimitExceededException', ItemCollectionSizeLimitExceededException],
      ['LimitExceededException', LimitExceededException],
      ['PointInTimeRecoveryUnavailableException', PointInTimeRecoveryUnavailableException],
      ['PolicyNotFoundException', PolicyNotFoundException],
      ['ProvisionedThroughputExceededException', ProvisionedThroughputExceededException],
      ['ReplicaAlreadyExistsException', ReplicaAlreadyExistsException],
      ['ReplicaNotFoundException', ReplicaNotFoundException],
      ['ReplicatedWriteConflictException', ReplicatedWriteConflictException],
      ['RequestLimitExceeded', RequestLimitExceeded],
      ['ResourceInUseException', ResourceInUseException],
      ['ResourceNotFoundException', ResourceNotFoundException],
      ['TableAlreadyExistsException', TableAlreadyExistsException],
      ['TableInUseException', TableInUseException],
      ['TableNotFoundException', TableNotFoundException],
      ['ThrottlingException', ThrottlingException],
      ['TransactionCanceledException', TransactionCanceledException],
      ['TransactionConflictException', TransactionConflictException],
      ['TransactionInProgressException', TransactionInProgressException],
    ] as const
  ).map(([name, Exception]) => [name, Exception as unknown as ExceptionConstructor]),
);

const sanitizeErrorCode = (raw: unknown): string => {
  let clean = String(raw);
  if (clean.includes(',')) clean = clean.split(',')[0] as string;
  if (clean.includes(':')) clean = clean.split(':')[0] as string;
  if (clean.includes('#')) clean = clean.split('#')[1] as string;
  return clean;
};

const decodeErrorMembers = (data: Record<string, unknown>): Record<string, unknown> => {
  const members: Record<string, unknown> = {};
  if (data.Item && typeof data.Item === 'object') members.Item = decodeWireItem(data.Item as Record<string, unknown>);
  if (Array.isArray(data.CancellationReasons)) {
    members.CancellationReasons = data.CancellationReasons.map((reason: Record<string, unknown> | null) =>
      reason?.Item && typeof reason.Item === 'object'
        ? { ...reason, Item: decodeWireItem(reason.Item as Record<string, unknown>) }
        : reason,
    );
  }
  return members;
};

export const serviceError = (
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  $metadata: ResponseMetadata,
): DynamoDBServiceException => {
  let data: Record<string, unknown> = {};
  try {
    const parsed = body ? JSON.parse(body) : {};
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status code and headers still classify it.
  }
  const rawType = data.__type ?? data.code ?? headers['x-amzn-errortype'];
  const name = rawType !== undefined ? sanitizeErrorCode(rawType) : 'Unknown';
  const message = String(data.message ?? data.Message ?? 'UnknownError');
  const Modelled = EXCEPTIONS.get(name);
  // Built without a message and then given one, as the SDK does, so that `message` is an own enumerable property.
  const exception = Modelled
    ? new Modelled({ $metadata } as { $metadata: ResponseMetadata; message: string })
    : new DynamoDBServiceException({ name, $fault: statusCode < 500 ? 'client' : 'server', $metadata });
  Object.assign(exception, { $metadata, message }, decodeErrorMembers(data));
  // decorateServiceException: the body's other fields (e.g. `__type`) where the exception has none.
  const target = exception as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined && (target[key] === undefined || target[key] === null || target[key] === '')) {
      target[key] = value;
    }
  }
  delete target.Message;
  return exception;
};

// ---- the transport ----

interface ResolvedTarget {
  readonly pool: Http1ConnectionPool;
  readonly signer: DynamoDbRequestSigner;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Credentials expiring sooner than this are resolved again (the SDK's `EXPIRATION_MS`). */
const IDENTITY_REFRESH_MS = 300_000;

/** Header values go into the request head verbatim. */
const UNSAFE_HEADER_VALUE = /[\r\n\0]/;

export class DynamoDbHttpTransport {
  readonly #options: DynamoDbHttpTransportOptions;
  #target: Promise<ResolvedTarget> | undefined;
  #pool: Http1ConnectionPool | undefined;
  #retryStrategy: Promise<RetryStrategyV2> | undefined;
  #identity: (SigningCredentials & { expiration?: Date }) | undefined;

  constructor(options: DynamoDbHttpTransportOptions) {
    this.#options = options;
  }

  /**
   * Sends one operation (`GetItem`, `PutItem`, …) with its JSON body; resolves with the parsed response and the
   * SDK-shaped `$metadata`, rejects with the SDK-shaped error once retries are spent.
   */
  async call(
    operation: string,
    body: string,
  ): Promise<{ output: Record<string, unknown>; $metadata: ResponseMetadata }> {
    // Resolved once; a failure (say, no region configured) is not remembered, the next call tries again.
    this.#target ??= this.#resolveTarget().catch((error: unknown) => {
      this.#target = undefined;
      throw error;
    });
    this.#retryStrategy ??= this.#options.retryStrategy().catch((error: unknown) => {
      this.#retryStrategy = undefined;
      throw error;
    });
    const target = await this.#target;
    const strategy = await this.#retryStrategy;
    const amzTarget = `${TARGET_PREFIX}${operation}`;
    let token = await strategy.acquireInitialRetryToken('');
    let attempts = 0;
    let totalRetryDelay = 0;
    for (;;) {
      let failure: unknown;
      try {
        const credentials = this.#freshIdentity() ?? (await this.#resolveIdentity());
        const response = await this.#post(target, credentials, amzTarget, body);
        const $metadata: ResponseMetadata = {
          httpStatusCode: response.statusCode,
          requestId: response.headers['x-amzn-requestid'],
          extendedRequestId: response.headers['x-amz-id-2'],
          cfId: response.headers['x-amz-cf-id'],
          attempts: attempts + 1,
          totalRetryDelay,
        };
        if (response.statusCode >= 200 && response.statusCode < 300) {
          const output = parseSuccess(response.body, $metadata);
          strategy.recordSuccess(token);
          return { output, $metadata };
        }
        failure = serviceError(response.statusCode, response.headers, response.body, $metadata);
      } catch (error) {
        if (error instanceof UnreadableResponseError) throw error.cause; // the write happened: not retried
        failure = error instanceof Error ? asHandlerError(error) : error;
      }
      try {
        token = await strategy.refreshRetryTokenForRetry(token, { error: failure, errorType: retryErrorType(failure) });
      } catch {
        throw withAttempts(failure, attempts + 1, totalRetryDelay);
      }
      attempts = token.getRetryCount();
      const delay = token.getRetryDelay();
      totalRetryDelay += (token.$retryLog?.acquisitionDelay ?? 0) + delay;
      if (delay > 0) await sleep(delay);
    }
  }

  destroy(): void {
    this.#pool?.destroy();
  }

  /**
   * The credentials last resolved, while they are good for five more minutes (the SDK's own refresh window), so that
   * a request does not go through the provider chain's promises; temporary credentials are resolved again in time.
   */
  #freshIdentity(): SigningCredentials | undefined {
    const identity = this.#identity;
    if (!identity) return undefined;
    if (identity.expiration === undefined || identity.expiration.getTime() - Date.now() >= IDENTITY_REFRESH_MS) {
      return identity;
    }
    return undefined;
  }

  async #resolveIdentity(): Promise<SigningCredentials> {
    const identity = await this.#options.credentials();
    this.#identity = identity;
    return identity;
  }

  async #resolveTarget(): Promise<ResolvedTarget> {
    const [endpoint, region] = await Promise.all([this.#options.endpoint(), this.#options.region()]);
    const url = new URL(endpoint);
    if (url.pathname !== '/' || url.search !== '') {
      throw new TypeError(`DynamoDB endpoint ${endpoint}: a path or query is not supported`);
    }
    const pool = new Http1ConnectionPool({ origin: url, maxSockets: this.#options.maxSockets ?? 50 });
    this.#pool = pool;
    return { pool, signer: new DynamoDbRequestSigner(region) };
  }

  #post(target: ResolvedTarget, credentials: SigningCredentials, amzTarget: string, body: string) {
    const { pool, signer } = target;
    const token = credentials.sessionToken;
    if (UNSAFE_HEADER_VALUE.test(credentials.accessKeyId) || (token && UNSAFE_HEADER_VALUE.test(token))) {
      throw new TypeError('credentials contain characters not allowed in an HTTP header');
    }
    const signed = signer.sign({
      credentials,
      host: pool.host,
      contentType: JSON_CONTENT_TYPE,
      target: amzTarget,
      body,
    });
    const head =
      `POST / HTTP/1.1\r\nhost: ${pool.host}\r\ncontent-type: ${JSON_CONTENT_TYPE}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-amz-target: ${amzTarget}\r\n` +
      `x-amz-date: ${signed['x-amz-date']}\r\nauthorization: ${signed.authorization}\r\n` +
      (token ? `x-amz-security-token: ${token}\r\n` : '');
    return pool.request(head, body);
  }
}

class UnreadableResponseError extends Error {}

/** A 2xx body that is not JSON is a deserialization failure, as in the SDK; the operation itself went through. */
const parseSuccess = (body: string, $metadata: ResponseMetadata): Record<string, unknown> => {
  try {
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch (error) {
    throw new UnreadableResponseError('unreadable response', { cause: Object.assign(error as Error, { $metadata }) });
  }
};

/** `@smithy/node-http-handler` names these socket failures `TimeoutError` (keeping `code`). */
const asHandlerError = (error: Error & { code?: string }): Error => {
  if (error.code !== undefined && HANDLER_TIMEOUT_CODES.has(error.code)) error.name = 'TimeoutError';
  return error;
};

/** The SDK's retry middleware stamps the attempts on whatever it finally throws. */
const withAttempts = (error: unknown, attempts: number, totalRetryDelay: number): unknown => {
  const thrown =
    error instanceof Error ? error : Object.assign(new Error(String(error)), typeof error === 'object' ? error : {});
  const target = thrown as Error & { $metadata?: ResponseMetadata };
  target.$metadata ??= {};
  target.$metadata.attempts = attempts;
  target.$metadata.totalRetryDelay = totalRetryDelay;
  return thrown;
};
