/**
 * Refusals of this package, each with a stable `code` (documented in docs/errors.md) and the HTTP status the
 * receipts function answers with. Storage outages stay `StorageUnavailableError` of `@platform/dynamodb`.
 */
export type FiscalReceiptErrorCode =
  | 'invalid_receipt_number'
  | 'invalid_verification_code'
  | 'invalid_signed_receipt'
  | 'receipt_not_found'
  | 'notice_not_paid'
  | 'invalid_credit'
  | 'credit_exceeds_receipt'
  | 'receipt_contended'
  | 'receipt_key_unavailable';

const STATUS: Readonly<Record<FiscalReceiptErrorCode, number>> = {
  invalid_receipt_number: 400,
  invalid_verification_code: 400,
  invalid_signed_receipt: 400,
  receipt_not_found: 404,
  notice_not_paid: 409,
  invalid_credit: 400,
  credit_exceeds_receipt: 409,
  receipt_contended: 503,
  receipt_key_unavailable: 503,
};

export class FiscalReceiptError extends Error {
  readonly code: FiscalReceiptErrorCode;
  readonly status: number;
  readonly field?: string;

  constructor(code: FiscalReceiptErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FiscalReceiptError';
    this.code = code;
    this.status = STATUS[code];
    if (options.field !== undefined) this.field = options.field;
  }
}

export const isFiscalReceiptError = (error: unknown): error is FiscalReceiptError =>
  error instanceof FiscalReceiptError;
