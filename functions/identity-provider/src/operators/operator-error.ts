export const OPERATOR_ERROR_CODES = [
  'invalid_citizen_id',
  'invalid_name',
  'operator_already_granted',
  'operator_grant_not_found',
  'operator_certificate_required',
  'operator_not_authorised',
] as const;
export type OperatorErrorCode = (typeof OPERATOR_ERROR_CODES)[number];

const STATUS: Record<OperatorErrorCode, number> = {
  invalid_citizen_id: 400,
  invalid_name: 400,
  operator_already_granted: 409,
  operator_grant_not_found: 404,
  operator_certificate_required: 403,
  operator_not_authorised: 403,
};

/** A refused operator action, with a stable code (docs/errors.md) and the wording for the page in both languages. */
export class OperatorError extends Error {
  readonly code: OperatorErrorCode;
  readonly status: number;
  readonly messageZh: string;

  constructor(code: OperatorErrorCode, message: string, messageZh: string) {
    super(message);
    this.name = 'OperatorError';
    this.code = code;
    this.status = STATUS[code];
    this.messageZh = messageZh;
  }
}
