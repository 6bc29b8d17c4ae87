import { phoneBlindIndex } from './blind-index.ts';
import { type Challenge, newChallengeId } from './challenge.ts';
import { PhoneOtpError } from './errors.ts';
import { networkBlindIndex } from './ip-address.ts';
import { generateOneTimeCode, hashOneTimeCode } from './one-time-code.ts';
import { maskPhoneNumber, normalisePhoneNumber, type PhoneNumber } from './phone-number.ts';
import { sealPhoneNumber } from './phone-seal.ts';
import type { PhoneSignInContext } from './phone-sign-in-context.ts';
import { secondsUntilResend, secondsUntilWindowEnds, type WindowSlot, windowSlot } from './send-limits.ts';
import { SmsDeliveryError } from './sms-sender.ts';
import { isLocale, type Locale, signInMessage } from './sms-text.ts';

export interface CodeRequest {
  /** As the user typed it; normalised here. */
  readonly phone: string;
  /** The client's address (API Gateway: `requestContext.http.sourceIp`). */
  readonly ip: string;
  /** Language of the text message; default `zh-CN`. */
  readonly locale?: Locale;
}

export interface IssuedCode {
  /** Opaque; pass it back to `verifyCode`. */
  readonly challengeId: string;
  /** ISO 8601. */
  readonly expiresAt: string;
  readonly expiresInSeconds: number;
  /** How long until the user may ask for another code. */
  readonly resendAfterSeconds: number;
  /** `138****5678`, for "we sent a code to …". */
  readonly maskedPhone: string;
}

/**
 * Sends a new code, in order: normalise → resend interval → send limits (IP first, then phone) → store the challenge
 * (superseding the previous one) → send the SMS (withdrawing the challenge if it could not be sent). Every number gets
 * the same treatment whether or not it has an account, so the answer reveals nothing about accounts.
 */
export const requestCode = async (context: PhoneSignInContext, request: CodeRequest): Promise<IssuedCode> => {
  const phone = normalisePhoneNumber(request.phone);
  const locale: Locale = isLocale(request.locale) ? request.locale : 'zh-CN';
  const now = context.clock.now();
  const phoneHash = phoneBlindIndex(context.keys.blindIndex, phone);
  const logger = context.logger.child({ phone: maskPhoneNumber(phone), ip: request.ip });

  await refuseWithinResendInterval(context, phoneHash, now);
  await takeSendAllowances(context, sendSlots(context, phoneHash, request.ip, now), now, logger);
  const code = generateOneTimeCode();
  const challenge = newChallenge(context, phone, phoneHash, code, now);
  const outcome = await context.store.issue(challenge, context.limits.resendIntervalSeconds * 1000);
  if (!outcome.issued) throw resendRefusal(context, outcome.lastIssuedAt, now);
  await deliver(context, challenge, phone, code, locale, logger);

  logger.info('phone otp sent', { challengeId: challenge.challengeId, locale });
  return {
    challengeId: challenge.challengeId,
    expiresAt: new Date(challenge.expiresAt).toISOString(),
    expiresInSeconds: context.limits.codeTtlSeconds,
    resendAfterSeconds: context.limits.resendIntervalSeconds,
    maskedPhone: maskPhoneNumber(phone),
  };
};

const resendRefusal = (context: PhoneSignInContext, lastIssuedAt: number, now: number): PhoneOtpError =>
  new PhoneOtpError('rate_limited', {
    limit: 'resend_interval',
    retryAfterSeconds: Math.max(1, secondsUntilResend(lastIssuedAt, context.limits.resendIntervalSeconds, now)),
  });

/** A shortcut that spares the counters; `store.issue` enforces the interval again, atomically. */
const refuseWithinResendInterval = async (context: PhoneSignInContext, phoneHash: string, now: number) => {
  const current = await context.store.findCurrent(phoneHash);
  if (current && secondsUntilResend(current.issuedAt, context.limits.resendIntervalSeconds, now) > 0) {
    throw resendRefusal(context, current.issuedAt, now);
  }
};

/**
 * IP windows before phone windows: a network over its limit must not use up a phone's budget (that would let anyone
 * lock a stranger out of sign-in by asking for codes for their number from one address).
 */
const sendSlots = (context: PhoneSignInContext, phoneHash: string, ip: string, now: number): WindowSlot[] => {
  const network = `ip:${networkBlindIndex(context.keys.blindIndex, ip)}`;
  return [
    ...context.limits.perIp.map((limit) => windowSlot(network, limit, now)),
    ...context.limits.perPhone.map((limit) => windowSlot(`phone:${phoneHash}`, limit, now)),
  ];
};

const takeSendAllowances = async (
  context: PhoneSignInContext,
  slots: readonly WindowSlot[],
  now: number,
  logger: PhoneSignInContext['logger'],
) => {
  for (const slot of slots) {
    if (await context.store.takeFromWindow(slot)) continue;
    const limit = `${slot.subject.startsWith('ip:') ? 'ip' : 'phone'}_${slot.windowSeconds}s` as const;
    logger.warn('phone otp send limit reached', { limit, max: slot.max });
    throw new PhoneOtpError('rate_limited', { limit, retryAfterSeconds: secondsUntilWindowEnds(slot, now) });
  }
};

const newChallenge = (
  context: PhoneSignInContext,
  phone: PhoneNumber,
  phoneHash: string,
  code: string,
  now: number,
): Challenge => {
  const challengeId = newChallengeId();
  return {
    challengeId,
    phoneHash,
    sealedPhone: sealPhoneNumber(context.keys.phoneSeal, phone, challengeId),
    codeHash: hashOneTimeCode(context.keys.codeHash, challengeId, code),
    issuedAt: now,
    expiresAt: now + context.limits.codeTtlSeconds * 1000,
    maxAttempts: context.limits.maxAttempts,
    failedAttempts: 0,
  };
};

const deliver = async (
  context: PhoneSignInContext,
  challenge: Challenge,
  phone: PhoneNumber,
  code: string,
  locale: Locale,
  logger: PhoneSignInContext['logger'],
) => {
  const validMinutes = Math.ceil(context.limits.codeTtlSeconds / 60);
  try {
    await context.sms.send({
      phone,
      ...signInMessage({ locale, code, validMinutes, signName: context.signNames[locale] }),
    });
  } catch (error) {
    // A code the user never got must not hold them to the resend interval.
    await context.store
      .withdraw(challenge, context.clock.now())
      .catch((withdrawal: unknown) => logger.error('phone otp withdrawal failed', { error: withdrawal }));
    if (!(error instanceof SmsDeliveryError)) throw error;
    const fields = { challengeId: challenge.challengeId, kind: error.kind, providerCode: error.providerCode };
    const retryAfterSeconds = context.limits.resendIntervalSeconds;
    if (error.kind === 'throttled') {
      logger.warn('sms gateway throttled', fields);
      throw new PhoneOtpError('rate_limited', { limit: 'sms_gateway', retryAfterSeconds, cause: error });
    }
    logger.error('sms not sent', { ...fields, error });
    throw new PhoneOtpError('sms_unavailable', { retryAfterSeconds, cause: error });
  }
};
