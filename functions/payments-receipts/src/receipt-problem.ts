import { StorageUnavailableError } from '@platform/dynamodb';
import { FiscalReceiptError } from '@platform/fiscal-receipts';
import { type HttpHandler, Problem, serviceUnavailable } from '@platform/http';

/** The one place where the receipts domain's errors become problem details (docs/errors.md). */
export const toProblem = (error: unknown): Problem | undefined => {
  if (error instanceof FiscalReceiptError) {
    return new Problem({
      status: error.status,
      code: error.code,
      title: error.code.replaceAll('_', ' '),
      detail: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.status === 503 ? { retryAfter: 1 } : {}),
    });
  }
  if (error instanceof StorageUnavailableError) {
    return serviceUnavailable('storage_unavailable', 'The payments table could not be reached; retry shortly.');
  }
  return undefined;
};

export const withReceiptProblems =
  (route: HttpHandler): HttpHandler =>
  async (event, context) => {
    try {
      return await route(event, context);
    } catch (error) {
      throw toProblem(error) ?? error;
    }
  };
