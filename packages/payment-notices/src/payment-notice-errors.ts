import type { NoticeStatus } from './notice-status.ts';

/**
 * Every refusal of this package as one error class with a stable `code` (callers branch on it and map it to the one
 * error shape of the payments API) and, for bad input, the `field` at fault. Codes never change; wording may.
 * Identifier refusals keep the code of `@platform/identifiers` (`citizen_id_check_digit`, `uscc_region`, …).
 */
export type PaymentNoticeErrorCode =
  | 'amount_not_integer'
  | 'amount_not_positive'
  | 'amount_too_large'
  | 'amount_outside_item_range'
  | 'unknown_item_code'
  | 'item_not_for_department'
  | 'invalid_payer'
  | 'invalid_payer_name'
  | `citizen_id_${string}`
  | `uscc_${string}`
  | 'invalid_due_date'
  | 'due_date_in_past'
  | 'invalid_description'
  | 'invalid_metadata'
  | 'invalid_reference'
  | 'invalid_cancel_reason'
  | 'invalid_payment_code'
  | 'invalid_cursor'
  | 'invalid_limit'
  | 'notice_not_found'
  | 'notice_already_paid'
  | 'notice_state_conflict'
  | 'notice_past_due'
  | 'notice_not_yet_due'
  | 'amount_mismatch'
  | 'refund_exceeds_paid'
  | 'payment_already_recorded'
  | 'refund_already_recorded'
  | 'notice_contended';

export interface PaymentNoticeErrorDetails {
  /** The request field at fault, as the API names it (`amountFen`, `payer.idNumber`). */
  readonly field?: string;
  /** Overrides the code's default sentence with one that names the specific problem. */
  readonly detail?: string;
  readonly detailZh?: string;
  /** The notice's status when a transition was refused. */
  readonly currentStatus?: NoticeStatus;
  /** What may still be refunded, on `refund_exceeds_paid`. */
  readonly refundableFen?: number;
  readonly cause?: unknown;
}

/** HTTP status per kind of refusal: 422 bad content, 404 unknown, 409 state conflicts, 503 retry later. */
const statusOf = (code: PaymentNoticeErrorCode): number => {
  if (code === 'notice_not_found') return 404;
  if (code === 'notice_contended') return 503;
  if (code === 'invalid_cursor' || code === 'invalid_limit') return 400;
  if (
    code.startsWith('notice_') ||
    code === 'amount_mismatch' ||
    code === 'refund_exceeds_paid' ||
    code.endsWith('_already_recorded')
  ) {
    return 409;
  }
  return 422;
};

/** The default sentence per code; a thrower passes a more specific `detail` where it knows more. */
const DEFAULT_DETAIL: Record<string, string> = {
  amount_not_integer: 'The amount must be a whole number of fen (an integer), not a string or a fraction.',
  amount_not_positive: 'The amount must be at least 1 fen.',
  amount_too_large: 'The amount may not exceed 100000000000 fen (1 billion yuan).',
  amount_outside_item_range: 'The amount is outside the range allowed for this item.',
  unknown_item_code: 'No non-tax revenue item has this code.',
  item_not_for_department: 'This item is not collected by this department.',
  invalid_payer: 'The payer must be a natural person (ID number) or a legal person (USCC), with a name.',
  invalid_payer_name: "The payer's name must be 1 to 100 characters.",
  invalid_due_date: 'The due date must be a calendar date, YYYY-MM-DD.',
  due_date_in_past: 'The due date may not be before today (China time).',
  invalid_description: 'The description must be 1 to 500 characters.',
  invalid_metadata: 'Metadata is at most 20 string values, keys up to 40 and values up to 500 characters.',
  invalid_reference: 'The identifier is not in the expected format.',
  invalid_cancel_reason: 'The cancellation reason must be 1 to 200 characters.',
  invalid_payment_code: 'A payment code is 20 digits and its check digit must match.',
  invalid_cursor: 'The cursor is not one this listing returned.',
  invalid_limit: 'The limit must be an integer from 1 to 100.',
  notice_not_found: 'No such payment notice.',
  notice_already_paid: 'The notice was already paid.',
  notice_state_conflict: 'The notice is not in a state that allows this.',
  notice_past_due: 'The notice is past its due date and can no longer be paid.',
  notice_not_yet_due: 'The notice is not past its due date yet.',
  amount_mismatch: 'The amount paid differs from the amount of the notice.',
  refund_exceeds_paid: 'Refunds may not exceed what was paid.',
  payment_already_recorded: 'A payment with this id is already recorded.',
  refund_already_recorded: 'A refund with this id is already recorded.',
  notice_contended: 'The notice is being changed by other requests; retry shortly.',
};

export class PaymentNoticeError extends Error {
  readonly code: PaymentNoticeErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly messageZh?: string;
  readonly currentStatus?: NoticeStatus;
  readonly refundableFen?: number;

  constructor(code: PaymentNoticeErrorCode, details: PaymentNoticeErrorDetails = {}) {
    super(
      details.detail ?? DEFAULT_DETAIL[code] ?? code,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'PaymentNoticeError';
    this.code = code;
    this.status = statusOf(code);
    if (details.field !== undefined) this.field = details.field;
    if (details.detailZh !== undefined) this.messageZh = details.detailZh;
    if (details.currentStatus !== undefined) this.currentStatus = details.currentStatus;
    if (details.refundableFen !== undefined) this.refundableFen = details.refundableFen;
  }
}

/**
 * The notice was paid already (by a concurrent caller, or a replayed channel notification). Carries the winning
 * payment's id, so that a caller holding that same id knows its payment is the one recorded and can answer as if it
 * had just succeeded, while any other payment must be refunded.
 */
export class AlreadyPaidError extends PaymentNoticeError {
  readonly paymentId: string;

  constructor(paymentId: string, currentStatus: NoticeStatus) {
    super('notice_already_paid', {
      detail: `The notice was already paid by payment ${paymentId}.`,
      detailZh: '该缴款通知书已缴款。',
      currentStatus,
    });
    this.name = 'AlreadyPaidError';
    this.paymentId = paymentId;
  }
}

export const isPaymentNoticeError = (error: unknown): error is PaymentNoticeError =>
  error instanceof PaymentNoticeError;

/** The shape of `ProblemFields` in `@platform/http`. */
export interface PaymentNoticeProblemFields {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;
}

export const toProblemFields = (error: PaymentNoticeError): PaymentNoticeProblemFields => ({
  code: error.code,
  status: error.status,
  title: error.code.replaceAll('_', ' '),
  detail: error.message,
  ...(error.field === undefined ? {} : { field: error.field }),
});
