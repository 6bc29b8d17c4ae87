import { describe, expect, it } from 'vitest';
import {
  type Challenge,
  challengeStateAt,
  isWellFormedChallengeId,
  newChallengeId,
  refusalFor,
  remainingAttempts,
  withSupersession,
  withVerification,
  withWrongGuess,
} from './challenge.ts';

const issuedAt = Date.UTC(2025, 0, 1, 8, 0, 0);
const challenge: Challenge = {
  challengeId: newChallengeId(),
  phoneHash: 'hash',
  sealedPhone: 'sealed',
  codeHash: 'code',
  issuedAt,
  expiresAt: issuedAt + 300_000,
  maxAttempts: 5,
  failedAttempts: 0,
};

describe('challenge state machine', () => {
  it('is issued until the instant it expires', () => {
    expect(challengeStateAt(challenge, issuedAt)).toBe('issued');
    expect(challengeStateAt(challenge, challenge.expiresAt - 1)).toBe('issued');
    expect(challengeStateAt(challenge, challenge.expiresAt)).toBe('expired');
  });

  it('dies on the last allowed wrong try, not before', () => {
    let state = challenge;
    for (let tries = 1; tries < 5; tries += 1) {
      state = withWrongGuess(state);
      expect(challengeStateAt(state, issuedAt)).toBe('issued');
      expect(remainingAttempts(state)).toBe(5 - tries);
    }
    state = withWrongGuess(state);
    expect(challengeStateAt(state, issuedAt)).toBe('exhausted');
    expect(remainingAttempts(state)).toBe(0);
  });

  it('is verified once used, whatever happens after', () => {
    const used = withVerification(challenge, issuedAt + 1000);
    expect(challengeStateAt(used, issuedAt + 1000)).toBe('verified');
    expect(challengeStateAt(withSupersession(used, issuedAt + 2000), challenge.expiresAt + 1)).toBe('verified');
  });

  it('is superseded by a newer code, and keeps the first supersession time', () => {
    const superseded = withSupersession(challenge, issuedAt + 60_000);
    expect(challengeStateAt(superseded, issuedAt + 60_000)).toBe('superseded');
    expect(withSupersession(superseded, issuedAt + 120_000).supersededAt).toBe(issuedAt + 60_000);
  });

  it('stays exhausted when a newer code supersedes it', () => {
    let exhausted = challenge;
    for (let tries = 0; tries < 5; tries += 1) exhausted = withWrongGuess(exhausted);
    expect(challengeStateAt(withSupersession(exhausted, issuedAt), issuedAt)).toBe('exhausted');
  });

  it('refuses codes of dead challenges with one error code per reason', () => {
    expect(refusalFor('verified').code).toBe('code_used');
    expect(refusalFor('superseded').code).toBe('code_superseded');
    expect(refusalFor('exhausted').code).toBe('too_many_attempts');
    expect(refusalFor('expired').code).toBe('code_expired');
  });

  it('makes unguessable ids of a fixed shape', () => {
    const ids = new Set(Array.from({ length: 100 }, newChallengeId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(isWellFormedChallengeId(id)).toBe(true);
    expect(isWellFormedChallengeId('PHONE#x')).toBe(false);
    expect(isWellFormedChallengeId(undefined)).toBe(false);
  });
});
