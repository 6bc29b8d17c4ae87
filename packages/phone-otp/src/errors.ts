/**
 * Every refusal of the phone sign-in as one error class with a stable `code`, so that a caller branches on the code
 * and maps it to a response in one place (`toProblemFields`). No message or code says whether a phone number has an
 * account: this package never knows.
 */
export type PhoneOtpErrorCode =
  | 'invalid_phone_number'
  | 'invalid_code_format'
  | 'invalid_code'
  | 'too_many_attempts'
  | 'code_expired'
  | 'code_used'
  | 'code_superseded'
  | 'challenge_not_found'
  | 'rate_limited'
  | 'sms_unavailable';

interface Kind {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

const KINDS: Record<PhoneOtpErrorCode, Kind> = {
  invalid_phone_number: {
    status: 400,
    title: 'The phone number is not valid',
    detail: 'Enter a mainland China mobile number: 11 digits starting with 1, optionally preceded by +86.',
  },
  invalid_code_format: {
    status: 400,
    title: 'The code is not valid',
    detail: 'The code is 6 digits.',
  },
  invalid_code: { status: 400, title: 'Wrong code', detail: 'The code is wrong.' },
  too_many_attempts: {
    status: 400,
    title: 'Too many wrong codes',
    detail: 'This code can no longer be used after too many wrong tries. Request a new code.',
  },
  code_expired: { status: 400, title: 'The code has expired', detail: 'Request a new code.' },
  code_used: { status: 400, title: 'The code has been used', detail: 'Each code works once. Request a new code.' },
  code_superseded: {
    status: 400,
    title: 'A newer code was sent',
    detail: 'Only the most recently sent code works.',
  },
  challenge_not_found: {
    status: 400,
    title: 'No code was requested',
    detail: 'There is no code to check. Request a new code.',
  },
  rate_limited: { status: 429, title: 'Too many codes requested', detail: 'Try again later.' },
  sms_unavailable: {
    status: 503,
    title: 'The text message could not be sent',
    detail: 'The text message service did not accept the message. Try again later.',
  },
};

/** Which limit refused a code request; for logs and metrics, not shown to the user. */
export type RateLimitName = 'resend_interval' | `phone_${number}s` | `ip_${number}s` | 'sms_gateway';

export interface PhoneOtpErrorDetails {
  readonly retryAfterSeconds?: number;
  readonly remainingAttempts?: number;
  readonly limit?: RateLimitName;
  readonly cause?: unknown;
}

export class PhoneOtpError extends Error {
  readonly code: PhoneOtpErrorCode;
  readonly status: number;
  readonly title: string;
  /** Whole seconds after which the same request may succeed (`rate_limited`, `sms_unavailable`). */
  readonly retryAfterSeconds?: number;
  /** Wrong tries left on the code (`invalid_code`). */
  readonly remainingAttempts?: number;
  readonly limit?: RateLimitName;

  constructor(code: PhoneOtpErrorCode, details: PhoneOtpErrorDetails = {}) {
    const kind = KINDS[code];
    super(describe(kind, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PhoneOtpError';
    this.code = code;
    this.status = kind.status;
    this.title = kind.title;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.remainingAttempts !== undefined) this.remainingAttempts = details.remainingAttempts;
    if (details.limit !== undefined) this.limit = details.limit;
  }
}

const describe = (kind: Kind, details: PhoneOtpErrorDetails): string => {
  if (details.remainingAttempts !== undefined) return `${kind.detail} ${details.remainingAttempts} tries left.`;
  if (details.retryAfterSeconds !== undefined) return `${kind.detail} Try again in ${details.retryAfterSeconds} s.`;
  return kind.detail;
};

export const isPhoneOtpError = (error: unknown): error is PhoneOtpError => error instanceof PhoneOtpError;

/** The shape of `ProblemFields` in `@platform/http`: `new Problem(toProblemFields(error))` turns it into a response. */
export interface PhoneOtpProblemFields {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;
  readonly retryAfter?: number;
}

const FIELD: Partial<Record<PhoneOtpErrorCode, string>> = {
  invalid_phone_number: 'phone',
  invalid_code_format: 'code',
  invalid_code: 'code',
};

export const toProblemFields = (error: PhoneOtpError): PhoneOtpProblemFields => {
  const field = FIELD[error.code];
  return {
    code: error.code,
    status: error.status,
    title: error.title,
    detail: error.message,
    ...(field ? { field } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfter: error.retryAfterSeconds } : {}),
  };
};
