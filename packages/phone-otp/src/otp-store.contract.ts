import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Challenge, newChallengeId } from './challenge.ts';
import type { OtpStore } from './otp-store.ts';
import type { WindowSlot } from './send-limits.ts';

/**
 * The behaviour every `OtpStore` adapter must have, concurrency included. Run by the unit tests against the in-memory
 * store and by the integration tests against DynamoDB Local.
 */
export const describeOtpStoreContract = (name: string, makeStore: () => OtpStore | Promise<OtpStore>): void => {
  const start = Date.now();
  const resendIntervalMs = 60_000;

  const newChallenge = (overrides: Partial<Challenge> = {}): Challenge => ({
    challengeId: newChallengeId(),
    phoneHash: randomBytes(32).toString('base64url'),
    sealedPhone: 'v1.sealed',
    codeHash: randomBytes(32).toString('base64url'),
    issuedAt: start,
    expiresAt: start + 300_000,
    maxAttempts: 5,
    failedAttempts: 0,
    ...overrides,
  });

  const issued = async (store: OtpStore, overrides: Partial<Challenge> = {}) => {
    const challenge = newChallenge(overrides);
    expect(await store.issue(challenge, resendIntervalMs)).toEqual({ issued: true });
    return challenge;
  };

  describe(`OtpStore contract: ${name}`, () => {
    it('knows nothing it was not told', async () => {
      const store = await makeStore();
      expect(await store.get(newChallengeId())).toBeUndefined();
      expect(await store.findCurrent('no-such-phone')).toBeUndefined();
      expect(await store.markVerified(newChallengeId(), start)).toEqual({ applied: false, challenge: undefined });
    });

    it('stores an issued challenge as its phone’s current one, unchanged', async () => {
      const store = await makeStore();
      const challenge = await issued(store);
      expect(await store.get(challenge.challengeId)).toEqual(challenge);
      expect(await store.findCurrent(challenge.phoneHash)).toEqual({
        challengeId: challenge.challengeId,
        issuedAt: challenge.issuedAt,
      });
    });

    it('refuses a second challenge for the phone within the resend interval, and writes nothing', async () => {
      const store = await makeStore();
      const first = await issued(store);
      const second = newChallenge({ phoneHash: first.phoneHash, issuedAt: start + resendIntervalMs - 1 });
      expect(await store.issue(second, resendIntervalMs)).toEqual({ issued: false, lastIssuedAt: first.issuedAt });
      expect(await store.get(second.challengeId)).toBeUndefined();
      expect((await store.findCurrent(first.phoneHash))?.challengeId).toBe(first.challengeId);
    });

    it('lets exactly one of several concurrent issues for one phone through', async () => {
      const store = await makeStore();
      const phoneHash = randomBytes(32).toString('base64url');
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.issue(newChallenge({ phoneHash }), resendIntervalMs)),
      );
      expect(outcomes.filter((outcome) => outcome.issued)).toHaveLength(1);
    });

    it('supersedes the previous challenge when a new one is issued after the interval', async () => {
      const store = await makeStore();
      const first = await issued(store);
      const later = start + resendIntervalMs;
      const second = await issued(store, { phoneHash: first.phoneHash, issuedAt: later, expiresAt: later + 300_000 });
      expect((await store.get(first.challengeId))?.supersededAt).toBe(later);
      expect((await store.findCurrent(first.phoneHash))?.challengeId).toBe(second.challengeId);
      expect((await store.markVerified(first.challengeId, later)).applied).toBe(false);
      expect((await store.markVerified(second.challengeId, later)).applied).toBe(true);
    });

    it('counts wrong guesses up to the limit and no further, even when they race', async () => {
      const store = await makeStore();
      const challenge = await issued(store);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () => store.recordWrongGuess(challenge.challengeId, start + 1)),
      );
      expect(outcomes.filter((outcome) => outcome.applied)).toHaveLength(5);
      expect((await store.get(challenge.challengeId))?.failedAttempts).toBe(5);
      expect((await store.markVerified(challenge.challengeId, start + 2)).applied).toBe(false);
    });

    it('marks a challenge used exactly once among concurrent verifications', async () => {
      const store = await makeStore();
      const challenge = await issued(store);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => store.markVerified(challenge.challengeId, start + 1)),
      );
      expect(outcomes.filter((outcome) => outcome.applied)).toHaveLength(1);
      const refused = outcomes.find((outcome) => !outcome.applied);
      expect(refused?.challenge?.usedAt).toBe(start + 1);
      expect((await store.recordWrongGuess(challenge.challengeId, start + 2)).applied).toBe(false);
    });

    it('changes nothing once the code has expired', async () => {
      const store = await makeStore();
      const challenge = await issued(store);
      expect((await store.markVerified(challenge.challengeId, challenge.expiresAt)).applied).toBe(false);
      expect((await store.recordWrongGuess(challenge.challengeId, challenge.expiresAt)).applied).toBe(false);
    });

    it('withdraws a challenge: dead, and no longer holding the phone to the resend interval', async () => {
      const store = await makeStore();
      const challenge = await issued(store);
      await store.withdraw(challenge, start + 1);
      await store.withdraw(challenge, start + 2);
      expect((await store.get(challenge.challengeId))?.supersededAt).toBe(start + 1);
      expect(await store.findCurrent(challenge.phoneHash)).toBeUndefined();
      await issued(store, { phoneHash: challenge.phoneHash, issuedAt: start + 2 });
    });

    it('takes from a window until it is full, exactly, even when requests race', async () => {
      const store = await makeStore();
      const slot: WindowSlot = {
        subject: `ip:${randomBytes(8).toString('hex')}`,
        windowSeconds: 3600,
        windowStart: Math.floor(start / 1000),
        windowEnd: Math.floor(start / 1000) + 3600,
        max: 5,
      };
      const taken = await Promise.all(Array.from({ length: 15 }, () => store.takeFromWindow(slot)));
      expect(taken.filter(Boolean)).toHaveLength(5);
      expect(await store.takeFromWindow(slot)).toBe(false);
      const nextWindow = { ...slot, windowStart: slot.windowEnd, windowEnd: slot.windowEnd + 3600 };
      expect(await store.takeFromWindow(nextWindow)).toBe(true);
      expect(await store.takeFromWindow({ ...slot, windowSeconds: 86_400, max: 10 })).toBe(true);
    });
  });
};
