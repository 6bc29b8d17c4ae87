import { StorageUnavailableError } from '@platform/dynamodb';
import { notFound, Problem, serviceUnavailable } from '@platform/http';
import { IdempotencyError, PaymentNoticeError, toProblemFields } from '@platform/payment-notices';

/**
 * The one place where errors of the domain and its stores become the API's problems. Anything not named here is
 * an internal error (logged, shown as `internal_error`).
 *
 * `notice_not_found` becomes the API's generic `not_found`: the same answer whether a notice does not exist or
 * belongs to another department, on every route, so that ids can not be probed.
 */
export const toProblem = (error: unknown): Problem | undefined => {
  if (error instanceof Problem) return error;
  if (error instanceof PaymentNoticeError) {
    if (error.code === 'notice_not_found') return notFound('No such payment notice.');
    return new Problem({ ...toProblemFields(error), ...(error.status === 503 ? { retryAfter: 1 } : {}) });
  }
  if (error instanceof IdempotencyError) {
    return new Problem({
      status: error.status,
      code: error.code,
      title: error.code.replaceAll('_', ' '),
      detail: error.message,
      field: error.field,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfter: error.retryAfterSeconds }),
    });
  }
  if (error instanceof StorageUnavailableError) {
    return serviceUnavailable('storage_unavailable', 'The payments table could not be reached; retry shortly.');
  }
  return undefined;
};

/** Problems that are a final answer to the request (4xx): a retry with the same body gets the same. */
export const isDecision = (problem: Problem): boolean => problem.status < 500;
