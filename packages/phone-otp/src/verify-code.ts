import { phoneBlindIndex } from './blind-index.ts';
import {
  type Challenge,
  challengeStateAt,
  isWellFormedChallengeId,
  refusalFor,
  remainingAttempts,
} from './challenge.ts';
import { PhoneOtpError } from './errors.ts';
import { oneTimeCodeMatches, parseSubmittedCode } from './one-time-code.ts';
import { maskPhoneNumber, normalisePhoneNumber, type PhoneNumber, toE164 } from './phone-number.ts';
import { openPhoneNumber } from './phone-seal.ts';
import type { PhoneSignInContext } from './phone-sign-in-context.ts';

/** Check a code by the challenge id `requestCode` returned, or by the phone number (its latest code). */
export type CodeAttempt =
  | { readonly challengeId: string; readonly code: string; readonly ip: string }
  | { readonly phone: string; readonly code: string; readonly ip: string };

export interface VerifiedPhone {
  /** The canonical 11-digit number, `13812345678`. */
  readonly phone: PhoneNumber;
  /** `+8613812345678`, as the OpenID Connect `phone_number` claim wants it. */
  readonly phoneE164: string;
  /** Blind index of the number: the key to find or create its account (see `PhoneAccounts`). */
  readonly phoneHash: string;
  readonly challengeId: string;
  /** ISO 8601. */
  readonly verifiedAt: string;
}

/**
 * Checks a code, in order: well-formed (else refused without counting a try) → find the challenge → it must be live →
 * compare in constant time → a conditional write that either marks the code used (once, ever) or counts the wrong try
 * (never beyond the limit). The write, not the read before it, decides: under concurrency the read may be stale.
 */
export const verifyCode = async (context: PhoneSignInContext, attempt: CodeAttempt): Promise<VerifiedPhone> => {
  const code = parseSubmittedCode(attempt.code);
  const challenge = await findChallenge(context, attempt);
  const now = context.clock.now();
  const state = challengeStateAt(challenge, now);
  if (state !== 'issued') throw refusalFor(state);
  const logger = context.logger.child({ challengeId: challenge.challengeId, ip: attempt.ip });

  if (!oneTimeCodeMatches(context.keys.codeHash, challenge.challengeId, code, challenge.codeHash)) {
    const outcome = await context.store.recordWrongGuess(challenge.challengeId, now);
    if (!outcome.applied) throw refusalOf(outcome.challenge, now);
    const remaining = remainingAttempts(outcome.challenge);
    logger.info('phone otp wrong code', { remainingAttempts: remaining });
    if (remaining === 0) throw new PhoneOtpError('too_many_attempts', { remainingAttempts: 0 });
    throw new PhoneOtpError('invalid_code', { remainingAttempts: remaining });
  }

  const outcome = await context.store.markVerified(challenge.challengeId, now);
  if (!outcome.applied) throw refusalOf(outcome.challenge, now);
  const phone = openPhoneNumber(context.keys.phoneSeal, challenge.sealedPhone, challenge.challengeId);
  logger.info('phone otp verified', { phone: maskPhoneNumber(phone) });
  return {
    phone,
    phoneE164: toE164(phone),
    phoneHash: challenge.phoneHash,
    challengeId: challenge.challengeId,
    verifiedAt: new Date(now).toISOString(),
  };
};

const findChallenge = async (context: PhoneSignInContext, attempt: CodeAttempt): Promise<Challenge> => {
  let challengeId: string | undefined;
  if ('challengeId' in attempt) {
    if (isWellFormedChallengeId(attempt.challengeId)) challengeId = attempt.challengeId;
  } else {
    const phoneHash = phoneBlindIndex(context.keys.blindIndex, normalisePhoneNumber(attempt.phone));
    challengeId = (await context.store.findCurrent(phoneHash))?.challengeId;
  }
  const challenge = challengeId === undefined ? undefined : await context.store.get(challengeId);
  if (!challenge) throw new PhoneOtpError('challenge_not_found');
  return challenge;
};

/** Why a conditional write was refused: the challenge left `issued` between the read and the write. */
const refusalOf = (challenge: Challenge | undefined, now: number): PhoneOtpError => {
  if (!challenge) return new PhoneOtpError('challenge_not_found');
  const state = challengeStateAt(challenge, now);
  if (state === 'issued') throw new Error('The store refused a change to a live challenge.');
  return refusalFor(state);
};
