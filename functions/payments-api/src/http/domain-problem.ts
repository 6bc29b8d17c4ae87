import { QueueUnavailableError, WebhookError } from '@platform/department-webhooks';
import { StorageUnavailableError } from '@platform/dynamodb';
import { notFound, Problem, serviceUnavailable } from '@platform/http';
import { IdempotencyError, PaymentNoticeError, toProblemFields } from '@platform/payment-notices';
import { RefundError } from '@platform/refunds';

/** An error of the domain's packages as it is: its status, stable code, message and field (title from the code). */
const codedProblem = (
  error: Error & { readonly status: number; readonly code: string; readonly field?: string | undefined },
  retryAfter?: number,
): Problem =>
  new Problem({
    status: error.status,
    code: error.code,
    title: error.code.replaceAll('_', ' '),
    detail: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });

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
  if (error instanceof RefundError) {
    if (error.code === 'refund_not_found') return notFound('No such refund.');
    return codedProblem(error, error.status === 503 ? 1 : undefined);
  }
  if (error instanceof WebhookError) {
    if (error.status === 404) return notFound(error.message);
    return codedProblem(error);
  }
  if (error instanceof QueueUnavailableError) {
    return serviceUnavailable('queue_unavailable', 'The department-events queue could not be reached; retry shortly.');
  }
  if (error instanceof IdempotencyError) {
    return codedProblem(error, error.retryAfterSeconds);
  }
  if (error instanceof StorageUnavailableError) {
    return serviceUnavailable('storage_unavailable', 'The payments table could not be reached; retry shortly.');
  }
  return undefined;
};

/** Problems that are a final answer to the request (4xx): a retry with the same body gets the same. */
export const isDecision = (problem: Problem): boolean => problem.status < 500;
