import { type Challenge, isLive, withSupersession, withVerification, withWrongGuess } from './challenge.ts';
import type { ChangeOutcome, CurrentChallenge, IssueOutcome, OtpStore } from './otp-store.ts';
import type { WindowSlot } from './send-limits.ts';

/**
 * The store in a process's memory, for unit tests and tools. JavaScript runs each method's check and write without
 * interleaving (no `await` between them), which is the atomicity the DynamoDB adapter gets from conditional writes.
 */
export const createInMemoryOtpStore = (): OtpStore & { readonly challenges: ReadonlyMap<string, Challenge> } => {
  const challenges = new Map<string, Challenge>();
  const current = new Map<string, CurrentChallenge>();
  const counters = new Map<string, number>();

  const change = (challengeId: string, now: number, apply: (c: Challenge) => Challenge): ChangeOutcome => {
    const challenge = challenges.get(challengeId);
    if (!challenge || !isLive(challenge, now)) return { applied: false, challenge };
    const changed = apply(challenge);
    challenges.set(challengeId, changed);
    return { applied: true, challenge: changed };
  };

  return {
    challenges,
    issue: async (challenge, resendIntervalMs): Promise<IssueOutcome> => {
      const previous = current.get(challenge.phoneHash);
      if (previous && challenge.issuedAt - previous.issuedAt < resendIntervalMs) {
        return { issued: false, lastIssuedAt: previous.issuedAt };
      }
      const replaced = previous && challenges.get(previous.challengeId);
      if (replaced && replaced.expiresAt > challenge.issuedAt) {
        challenges.set(replaced.challengeId, withSupersession(replaced, challenge.issuedAt));
      }
      challenges.set(challenge.challengeId, challenge);
      current.set(challenge.phoneHash, { challengeId: challenge.challengeId, issuedAt: challenge.issuedAt });
      return { issued: true };
    },
    findCurrent: async (phoneHash) => current.get(phoneHash),
    get: async (challengeId) => challenges.get(challengeId),
    recordWrongGuess: async (challengeId, now) => change(challengeId, now, withWrongGuess),
    markVerified: async (challengeId, now) => change(challengeId, now, (c) => withVerification(c, now)),
    withdraw: async (challenge, now) => {
      const stored = challenges.get(challenge.challengeId);
      if (stored) challenges.set(challenge.challengeId, withSupersession(stored, now));
      if (current.get(challenge.phoneHash)?.challengeId === challenge.challengeId) current.delete(challenge.phoneHash);
    },
    takeFromWindow: async (slot: WindowSlot) => {
      const key = `${slot.subject}|${slot.windowSeconds}|${slot.windowStart}`;
      const count = counters.get(key) ?? 0;
      if (count >= slot.max) return false;
      counters.set(key, count + 1);
      return true;
    },
  };
};
