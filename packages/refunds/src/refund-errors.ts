import type { RefundState } from './refund.ts';

/**
 * Every refusal of the refunds package, with a stable `code` (documented in docs/errors.md) and, for bad input, the
 * `field` at fault. Refusals about the notice itself (not paid, more than was paid, bad amount) keep the
 * `PaymentNoticeError` of `@platform/payment-notices` (`notice_state_conflict`, `refund_exceeds_paid`,
 * `amount_not_integer`…).
 */
export type RefundErrorCode =
  | 'invalid_refund_id'
  | 'invalid_refund_reason'
  | 'invalid_rejection_reason'
  | 'refund_not_found'
  | 'refund_id_in_use'
  | 'refund_state_conflict'
  | 'refund_already_approved_by_officer'
  | 'officer_not_authorised'
  | 'refund_contended'
  | 'invalid_officer'
  | 'officer_not_found';

const STATUS: Readonly<Record<RefundErrorCode, number>> = {
  invalid_refund_id: 422,
  invalid_refund_reason: 422,
  invalid_rejection_reason: 422,
  invalid_officer: 422,
  refund_not_found: 404,
  officer_not_found: 404,
  refund_id_in_use: 409,
  refund_state_conflict: 409,
  refund_already_approved_by_officer: 409,
  officer_not_authorised: 403,
  refund_contended: 503,
};

const DETAIL: Readonly<Record<RefundErrorCode, string>> = {
  invalid_refund_id: 'The refund id must be 1 to 32 letters, digits, "_" or "-", starting with a letter or digit.',
  invalid_refund_reason: 'The refund reason must be 1 to 80 characters.',
  invalid_rejection_reason: 'A rejection needs a reason of 1 to 200 characters.',
  invalid_officer: 'The officer details are not valid.',
  refund_not_found: 'No such refund.',
  officer_not_found: 'No such finance officer.',
  refund_id_in_use: 'This refund id is already used by another refund.',
  refund_state_conflict: 'The refund is not in a state that allows this.',
  refund_already_approved_by_officer: 'This officer has already approved this refund; a second officer must approve.',
  officer_not_authorised: 'Only an active finance officer with the refund_approver role of the region may do this.',
  refund_contended: 'The refund is being changed by other requests; retry shortly.',
};

export class RefundError extends Error {
  readonly code: RefundErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly currentState?: RefundState;

  constructor(
    code: RefundErrorCode,
    details: { field?: string; detail?: string; currentState?: RefundState; cause?: unknown } = {},
  ) {
    super(details.detail ?? DETAIL[code], details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RefundError';
    this.code = code;
    this.status = STATUS[code];
    if (details.field !== undefined) this.field = details.field;
    if (details.currentState !== undefined) this.currentState = details.currentState;
  }
}
