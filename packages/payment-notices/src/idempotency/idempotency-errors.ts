/**
 * Refusals of the idempotency layer, with the stable codes departments know from payment APIs:
 * - `invalid_idempotency_key` (400): the header is missing, empty, over 255 characters or not printable ASCII;
 * - `idempotency_key_reused` (409): the key was used before with a different request body;
 * - `idempotency_request_in_progress` (409): the first request with this key has not finished; retry after
 *   `retryAfterSeconds`;
 * - `idempotency_lease_lost` (409): this request ran past its lease and another took the key over; its response is
 *   not recorded.
 */
export type IdempotencyErrorCode =
  | 'invalid_idempotency_key'
  | 'idempotency_key_reused'
  | 'idempotency_request_in_progress'
  | 'idempotency_lease_lost';

const DETAIL: Record<IdempotencyErrorCode, string> = {
  invalid_idempotency_key: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.',
  idempotency_key_reused: 'This Idempotency-Key was already used with a different request body.',
  idempotency_request_in_progress: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  idempotency_lease_lost: 'The request took too long and its Idempotency-Key was taken over; retry.',
};

export class IdempotencyError extends Error {
  readonly code: IdempotencyErrorCode;
  readonly status: number;
  readonly field = 'Idempotency-Key';
  readonly retryAfterSeconds?: number;

  constructor(code: IdempotencyErrorCode, retryAfterSeconds?: number) {
    super(DETAIL[code]);
    this.name = 'IdempotencyError';
    this.code = code;
    this.status = code === 'invalid_idempotency_key' ? 400 : 409;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}
