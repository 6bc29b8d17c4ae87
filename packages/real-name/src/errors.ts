/**
 * Every refusal of a real-name check as one error class with a stable `code`: callers branch on the code and map it to
 * a response in one place (`toProblemFields`); pages show `message` / `messageZh`. Wording may change, codes do not.
 */
export type RealNameErrorCode =
  | 'invalid_citizen_id'
  | 'invalid_name'
  | 'invalid_phone'
  | 'identity_mismatch'
  | 'identity_not_found'
  | 'registry_unavailable'
  | 'carrier_unavailable'
  | 'rate_limited'
  | 'locked_out'
  | 'identity_already_linked'
  | 'account_identity_conflict'
  | 'phone_not_verified'
  | 'account_not_found'
  | 'payment_account_mismatch'
  | 'payment_account_not_certified'
  | 'payment_account_unavailable';

interface Kind {
  readonly status: number;
  readonly title: string;
  readonly en: string;
  readonly zh: string;
  readonly field?: string;
}

const KINDS: Record<RealNameErrorCode, Kind> = {
  invalid_citizen_id: {
    status: 400,
    title: 'The citizen ID number is not valid',
    en: 'Check the citizen ID number.',
    zh: '请检查公民身份号码。',
    field: 'citizenId',
  },
  invalid_name: {
    status: 400,
    title: 'The name is not valid',
    en: 'Enter your name exactly as it appears on your ID card.',
    zh: '请按身份证上的姓名填写。',
    field: 'name',
  },
  invalid_phone: {
    status: 400,
    title: 'The phone number is not valid',
    en: 'Enter a mainland China mobile number: 11 digits starting with 1.',
    zh: '请输入11位中国大陆手机号码。',
    field: 'phone',
  },
  identity_mismatch: {
    status: 400,
    title: 'The name and ID number do not match',
    en: 'The name and the ID number you entered do not match the official record. Check both and try again.',
    zh: '姓名与公民身份号码不一致，请核对后重试。',
  },
  identity_not_found: {
    status: 400,
    title: 'No record of this ID number',
    en: 'The official record has no entry for this ID number. Check the number and try again.',
    zh: '未查询到该公民身份号码的登记信息，请核对后重试。',
  },
  registry_unavailable: {
    status: 503,
    title: 'The check is not available right now',
    en: 'The identity registry did not answer. Nothing was changed; try again in a few minutes.',
    zh: '身份核验服务暂时无法使用，您的信息未作任何变更，请稍后重试。',
  },
  carrier_unavailable: {
    status: 503,
    title: 'The check is not available right now',
    en: 'The mobile carrier did not answer. Nothing was changed; try again in a few minutes.',
    zh: '运营商核验服务暂时无法使用，您的信息未作任何变更，请稍后重试。',
  },
  rate_limited: {
    status: 429,
    title: 'Too many checks',
    en: 'Too many checks were asked for. Try again later.',
    zh: '核验次数过多，请稍后再试。',
  },
  locked_out: {
    status: 429,
    title: 'Checks are locked',
    en: 'After several failed checks, real-name checks on this account are paused.',
    zh: '多次核验未通过，本账号的实名核验已暂停。',
  },
  identity_already_linked: {
    status: 409,
    title: 'This ID number belongs to another account',
    en: 'This ID number is already verified on another account. If it is yours, contact the help desk.',
    zh: '该公民身份号码已在其他账号完成实名认证。如为本人，请联系客服处理。',
  },
  account_identity_conflict: {
    status: 409,
    title: 'This account is verified with another ID number',
    en: 'This account is already verified with a different ID number.',
    zh: '本账号已使用其他公民身份号码完成实名认证。',
  },
  phone_not_verified: {
    status: 400,
    title: 'Use the phone number you signed in with',
    en: 'The carrier check works only for the phone number confirmed by text message on this account.',
    zh: '运营商核验仅适用于本账号已通过短信验证的手机号码。',
    field: 'phone',
  },
  account_not_found: {
    status: 404,
    title: 'No such account',
    en: 'The account does not exist.',
    zh: '账号不存在。',
  },
  payment_account_mismatch: {
    status: 400,
    title: 'The payment account is in another name',
    en: 'The real name or ID number of the Alipay account you authorised is not the one you entered. Check both, or authorise your own account.',
    zh: '您授权的支付宝账户实名信息与填写的姓名或公民身份号码不一致，请核对，或使用本人的支付宝账户授权。',
  },
  payment_account_not_certified: {
    status: 400,
    title: 'The payment account has no verified real name',
    en: 'The Alipay account you authorised has not completed real-name certification with a resident ID card. Complete it in Alipay, or choose another method.',
    zh: '您授权的支付宝账户尚未使用居民身份证完成实名认证。请先在支付宝完成实名认证，或选择其他核验方式。',
  },
  payment_account_unavailable: {
    status: 503,
    title: 'The check is not available right now',
    en: 'Alipay did not give a usable answer. Nothing was changed; start again in a few minutes.',
    zh: '支付宝暂未返回有效结果，您的信息未作任何变更，请稍后重新授权。',
  },
};

export interface RealNameErrorDetails {
  /** Replaces the default message, e.g. with the exact rule an ID number broke (from `parseCitizenId`). */
  readonly message?: string;
  readonly messageZh?: string;
  /** A finer code for logs and pages, e.g. `citizen_id_check_digit`. */
  readonly reason?: string;
  readonly remainingAttempts?: number;
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class RealNameError extends Error {
  readonly code: RealNameErrorCode;
  readonly status: number;
  readonly title: string;
  readonly messageZh: string;
  readonly reason?: string;
  /** Failed checks left before the lockout (`identity_mismatch`, `identity_not_found`). */
  readonly remainingAttempts?: number;
  /** Whole seconds after which the same request may succeed (`rate_limited`, `locked_out`). */
  readonly retryAfterSeconds?: number;

  constructor(code: RealNameErrorCode, details: RealNameErrorDetails = {}) {
    const kind = KINDS[code];
    super(details.message ?? kind.en, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RealNameError';
    this.code = code;
    this.status = kind.status;
    this.title = kind.title;
    this.messageZh = details.messageZh ?? kind.zh;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.remainingAttempts !== undefined) this.remainingAttempts = details.remainingAttempts;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Which limit refused: for logs and metrics, not for the page. */
export type RateLimitScope = 'subject' | 'ip';

export class RateLimitedError extends RealNameError {
  override readonly retryAfterSeconds: number;
  readonly scope: RateLimitScope;

  constructor(retryAfterSeconds: number, scope: RateLimitScope) {
    super('rate_limited', { retryAfterSeconds, reason: scope });
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
    this.scope = scope;
  }
}

export class LockedOutError extends RealNameError {
  readonly until: Date;
  override readonly retryAfterSeconds: number;

  constructor(until: Date, now: Date) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    super('locked_out', {
      retryAfterSeconds,
      message: `${KINDS.locked_out.en} Try again after ${until.toISOString()}.`,
      messageZh: `${KINDS.locked_out.zh}请于${chinaTime(until)}（北京时间）后再试。`,
    });
    this.name = 'LockedOutError';
    this.until = until;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** `2025-01-02 08:30`, Asia/Shanghai (UTC+8 all year). */
const chinaTime = (instant: Date): string =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export const isRealNameError = (error: unknown): error is RealNameError => error instanceof RealNameError;

/** The shape of `ProblemFields` in `@platform/http`: `new Problem(toProblemFields(error))` makes the response. */
export interface RealNameProblemFields {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;
  readonly retryAfter?: number;
}

export const toProblemFields = (error: RealNameError): RealNameProblemFields => {
  const field = KINDS[error.code].field;
  return {
    code: error.code,
    status: error.status,
    title: error.title,
    detail: error.message,
    ...(field ? { field } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfter: error.retryAfterSeconds } : {}),
  };
};
