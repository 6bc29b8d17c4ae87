/**
 * When to try an AWS call again, as the SDK's standard retry mode decides: throttling, timeouts, 5xx answers and
 * broken connections are retried up to `maxAttempts` in all, after an exponential backoff with full jitter (base
 * 100 ms, 500 ms when throttled, at most 20 s). Everything else (a failed condition, a validation error) is an
 * answer, not a failure, and is thrown at once.
 */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'TransactionInProgressException',
  'SlowDown',
  'PriorRequestNotComplete',
]);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalServerError']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

type ErrorLike = { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };

export type FailureKind = 'throttling' | 'transient' | 'final';

export const classifyFailure = (error: unknown): FailureKind => {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = failure.$metadata?.httpStatusCode ?? 0;
  if (status === 429 || THROTTLING.has(failure.name ?? '')) return 'throttling';
  if (
    status >= 500 ||
    TRANSIENT_NAMES.has(failure.name ?? '') ||
    NETWORK_CODES.has(failure.code ?? '') ||
    (failure.name === 'InvalidSignatureException' && (failure.message ?? '').includes('Signature expired'))
  ) {
    return 'transient';
  }
  return 'final';
};

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** The pause before attempt `attempt + 1` (attempts count from 1), or undefined when the failure is final. */
  delayAfter(attempt: number, error: unknown): number | undefined;
}

export const standardRetryPolicy = (maxAttempts = 3, random: () => number = Math.random): RetryPolicy => ({
  maxAttempts,
  delayAfter(attempt, error) {
    const kind = classifyFailure(error);
    if (kind === 'final' || attempt >= maxAttempts) return undefined;
    const base = kind === 'throttling' ? 500 : 100;
    return Math.floor(random() * Math.min(20_000, base * 2 ** (attempt - 1)));
  },
});
