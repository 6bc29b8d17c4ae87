/**
 * Storage errors as the domain sees them. Adapters translate SDK exceptions into these at the boundary so that no
 * AWS SDK type ever leaks upward.
 */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The data store did not answer; the operation can be retried safely.', { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** A conditional write found the item in a state it may not move from. */
export class ConditionFailedError extends Error {
  readonly currentItem?: Record<string, unknown>;

  constructor(message: string, currentItem?: Record<string, unknown>) {
    super(message);
    this.name = 'ConditionFailedError';
    if (currentItem) this.currentItem = currentItem;
  }
}

const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export const isTransientStorageFailure = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return TRANSIENT.has(error.name) || (code !== undefined && NETWORK_CODES.has(code)) || error.name === 'AbortError';
};

/** Rethrows transient failures as `StorageUnavailableError`; anything else is a bug and passes through unchanged. */
export const translateStorageError = (error: unknown): never => {
  if (isTransientStorageFailure(error)) throw new StorageUnavailableError(error);
  throw error;
};
