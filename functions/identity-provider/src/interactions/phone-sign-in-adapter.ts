import { PhoneOtpError, type PhoneSignIn } from '@platform/phone-otp';
import { PhoneSignInError, type PhoneSignInFailure, type PhoneSignInPort } from './phone-sign-in-port.ts';

/** How each refusal of `@platform/phone-otp` reads on the sign-in page. */
const FAILURES: Record<string, PhoneSignInFailure> = {
  invalid_phone_number: 'invalid_phone_number',
  invalid_code_format: 'invalid_code',
  invalid_code: 'invalid_code',
  too_many_attempts: 'too_many_attempts',
  code_expired: 'code_expired',
  code_used: 'code_expired',
  code_superseded: 'code_expired',
  challenge_not_found: 'code_expired',
  rate_limited: 'rate_limited',
  sms_unavailable: 'service_unavailable',
};

const translate = (error: unknown): never => {
  if (error instanceof PhoneOtpError) {
    throw new PhoneSignInError(FAILURES[error.code] ?? 'service_unavailable', {
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.remainingAttempts !== undefined ? { remainingTries: error.remainingAttempts } : {}),
    });
  }
  throw error;
};

export const phoneSignInAdapter = (signIn: PhoneSignIn): PhoneSignInPort => ({
  requestCode: async ({ phone, ip, locale }) => {
    const issued = await signIn.requestCode({ phone, ip, locale }).catch(translate);
    return {
      challengeId: issued.challengeId,
      maskedPhone: issued.maskedPhone,
      resendAfterSeconds: issued.resendAfterSeconds,
    };
  },
  verifyCode: async ({ challengeId, code, ip }) => {
    const verified = await signIn.verifyCode({ challengeId, code, ip }).catch(translate);
    return { phone: verified.phone };
  },
});
