import type { Logger } from '@platform/logging';
import type { Clock } from './clock.ts';
import type { OtpStore } from './otp-store.ts';
import type { PhoneOtpKeys } from './secret-keys.ts';
import type { OtpLimits } from './send-limits.ts';
import type { SmsSender } from './sms-sender.ts';
import type { Locale } from './sms-text.ts';

/** What each step of the sign-in needs, validated and assembled once by `createPhoneSignIn`. */
export interface PhoneSignInContext {
  readonly store: OtpStore;
  readonly sms: SmsSender;
  readonly keys: PhoneOtpKeys;
  readonly limits: OtpLimits;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly signNames: Readonly<Record<Locale, string>>;
}
