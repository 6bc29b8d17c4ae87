import { randomBytes } from 'node:crypto';
import { PhoneOtpError } from './errors.ts';

/**
 * One code sent to one phone: what is stored, and the rules of its life.
 *
 *   issued ──correct code──────────────► verified
 *      │──wrong code (tries left)──► issued
 *      │──wrong code (last try)────► exhausted
 *      │──clock passes expiresAt───► expired
 *      └──new code for the phone,
 *         or the SMS was not sent──► superseded
 *
 * Every state but `issued` is final. The state is derived from the stored facts (`usedAt`, `supersededAt`,
 * `failedAttempts`, `expiresAt`), never stored beside them, so the facts and the state can not disagree; a store
 * changes a challenge only while it is `issued`, and checks that in the same conditional write. The one exception is
 * supersession, which may also stamp an already used or exhausted challenge: the order of the checks below (used,
 * exhausted, then superseded) makes that stamp change nothing.
 */
export interface Challenge {
  /** Random, 128 bits, base64url: unguessable, so it can travel through a browser form. */
  readonly challengeId: string;
  /** Blind index of the phone number (see `phoneBlindIndex`). */
  readonly phoneHash: string;
  /** The phone number sealed with AES-256-GCM (see `sealPhoneNumber`). */
  readonly sealedPhone: string;
  /** HMAC of the code (see `hashOneTimeCode`). The code itself is never stored. */
  readonly codeHash: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  /** Epoch milliseconds from which the code is refused. */
  readonly expiresAt: number;
  readonly maxAttempts: number;
  readonly failedAttempts: number;
  readonly usedAt?: number;
  readonly supersededAt?: number;
}

export type ChallengeState = 'issued' | 'verified' | 'superseded' | 'exhausted' | 'expired';

export const challengeStateAt = (challenge: Challenge, now: number): ChallengeState => {
  if (challenge.usedAt !== undefined) return 'verified';
  if (challenge.failedAttempts >= challenge.maxAttempts) return 'exhausted';
  if (challenge.supersededAt !== undefined) return 'superseded';
  if (now >= challenge.expiresAt) return 'expired';
  return 'issued';
};

export const isLive = (challenge: Challenge, now: number): boolean => challengeStateAt(challenge, now) === 'issued';

export const remainingAttempts = (challenge: Challenge): number =>
  Math.max(0, challenge.maxAttempts - challenge.failedAttempts);

/** The transitions out of `issued`; a store applies them only to a live challenge (its write condition). */
export const withWrongGuess = (challenge: Challenge): Challenge => ({
  ...challenge,
  failedAttempts: challenge.failedAttempts + 1,
});
export const withVerification = (challenge: Challenge, now: number): Challenge => ({ ...challenge, usedAt: now });
export const withSupersession = (challenge: Challenge, now: number): Challenge => ({
  ...challenge,
  supersededAt: challenge.supersededAt ?? now,
});

/** Why a challenge in a final state refuses a code. */
export const refusalFor = (state: Exclude<ChallengeState, 'issued'>): PhoneOtpError => {
  switch (state) {
    case 'verified':
      return new PhoneOtpError('code_used');
    case 'superseded':
      return new PhoneOtpError('code_superseded');
    case 'exhausted':
      return new PhoneOtpError('too_many_attempts', { remainingAttempts: 0 });
    case 'expired':
      return new PhoneOtpError('code_expired');
  }
};

export const newChallengeId = (): string => randomBytes(16).toString('base64url');

export const isWellFormedChallengeId = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
