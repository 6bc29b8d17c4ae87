import type { Locale } from '../pages/locale.ts';

/** What the sign-in pages need from phone sign-in; adapted from `@platform/phone-otp` at the composition root. */
export interface PhoneSignInPort {
  requestCode(input: { phone: string; ip: string; locale: Locale }): Promise<{
    challengeId: string;
    maskedPhone: string;
    resendAfterSeconds: number;
  }>;
  /** Resolves with the verified, normalised phone number (11 digits). */
  verifyCode(input: { challengeId: string; code: string; ip: string }): Promise<{ phone: string }>;
}

export type PhoneSignInFailure =
  | 'invalid_phone_number'
  | 'invalid_code'
  | 'code_expired'
  | 'too_many_attempts'
  | 'rate_limited'
  | 'service_unavailable';

/** A failure the user can act on; its code picks the translated message. */
export class PhoneSignInError extends Error {
  readonly code: PhoneSignInFailure;
  readonly retryAfterSeconds?: number;
  readonly remainingTries?: number;

  constructor(code: PhoneSignInFailure, details: { retryAfterSeconds?: number; remainingTries?: number } = {}) {
    super(code);
    this.name = 'PhoneSignInError';
    this.code = code;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.remainingTries !== undefined) this.remainingTries = details.remainingTries;
  }
}
