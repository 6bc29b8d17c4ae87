import { createLogger, type Logger } from '@platform/logging';
import { type Clock, systemClock } from './clock.ts';
import type { OtpStore } from './otp-store.ts';
import type { PhoneSignInContext } from './phone-sign-in-context.ts';
import { type CodeRequest, type IssuedCode, requestCode } from './request-code.ts';
import { phoneOtpKeys, type SecretKey } from './secret-keys.ts';
import { type OtpLimits, otpLimits } from './send-limits.ts';
import type { SmsSender } from './sms-sender.ts';
import { DEFAULT_SIGN_NAMES, type Locale } from './sms-text.ts';
import { type CodeAttempt, type VerifiedPhone, verifyCode } from './verify-code.ts';

export interface PhoneSignInDependencies {
  readonly store: OtpStore;
  readonly sms: SmsSender;
  /** ≥ 32 bytes; keys the blind index of phone numbers (shared with the account model) and of IP networks. */
  readonly blindIndexKey: SecretKey;
  /** ≥ 32 bytes, different from `blindIndexKey`; keys code hashes and (derived) the sealing of numbers. */
  readonly codeHashKey: SecretKey;
  /** Overrides of `DEFAULT_OTP_LIMITS`. */
  readonly limits?: Partial<OtpLimits>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The sign (签名) at the head of messages, per language; default 政务服务 / Gov Services. */
  readonly signNames?: Partial<Record<Locale, string>>;
}

/**
 * Sign-in with a mobile phone number and a code sent by SMS. Throws `PhoneOtpError` (stable `code`, HTTP `status`,
 * `retryAfterSeconds` / `remainingAttempts`) for every refusal, `StorageUnavailableError` when the table does not
 * answer (retry; 503), and nothing else on purpose.
 */
export interface PhoneSignIn {
  readonly limits: OtpLimits;
  requestCode(request: CodeRequest): Promise<IssuedCode>;
  verifyCode(attempt: CodeAttempt): Promise<VerifiedPhone>;
}

/** Validates its configuration here, at construction, so that a bad key or limit fails the deployment, not a user. */
export const createPhoneSignIn = (dependencies: PhoneSignInDependencies): PhoneSignIn => {
  const context: PhoneSignInContext = {
    store: dependencies.store,
    sms: dependencies.sms,
    keys: phoneOtpKeys(dependencies.blindIndexKey, dependencies.codeHashKey),
    limits: otpLimits(dependencies.limits),
    clock: dependencies.clock ?? systemClock,
    logger: dependencies.logger ?? createLogger({ fields: { component: 'phone-otp' } }),
    signNames: { ...DEFAULT_SIGN_NAMES, ...dependencies.signNames },
  };
  return {
    limits: context.limits,
    requestCode: (request) => requestCode(context, request),
    verifyCode: (attempt) => verifyCode(context, attempt),
  };
};
