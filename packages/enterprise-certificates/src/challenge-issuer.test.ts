import { describe, expect, it } from 'vitest';
import { createChallengeIssuer } from './challenge-issuer.ts';
import { parseChallengeMessage } from './challenge-message.ts';
import { createInMemoryChallengeStore } from './challenge-store.ts';

const origin = 'https://id.example.gov.cn';

const setup = () => {
  const clock = { now: Date.UTC(2026, 2, 1, 8) };
  const now = () => clock.now;
  const issuer = createChallengeIssuer({ origin, ttlSeconds: 300, now, store: createInMemoryChallengeStore({ now }) });
  return { clock, issuer };
};

describe('sign-in challenges', () => {
  it('binds origin, a fresh 32-byte nonce and the expiry into the bytes to sign', async () => {
    const { clock, issuer } = setup();
    const first = await issuer.issue();
    const second = await issuer.issue();
    expect(first.nonce).toHaveLength(32);
    expect(first.id).not.toBe(second.id);
    expect(Buffer.from(first.nonce).equals(Buffer.from(second.nonce))).toBe(false);
    expect(first.expiresAt).toBe(clock.now + 300_000);
    expect(parseChallengeMessage(first.message)).toEqual({ origin, nonce: first.nonce, expiresAt: first.expiresAt });
    expect(Buffer.from(first.messageBase64url, 'base64url').equals(Buffer.from(first.message))).toBe(true);
  });

  it('can be used once: a second use is a replay', async () => {
    const { issuer } = setup();
    const challenge = await issuer.issue();
    const consumed = await issuer.consume(challenge.id);
    expect(typeof consumed === 'object' && Buffer.from(consumed.message).equals(Buffer.from(challenge.message))).toBe(
      true,
    );
    expect(await issuer.consume(challenge.id)).toBe('used');
  });

  it('expires after its time to live', async () => {
    const { clock, issuer } = setup();
    const challenge = await issuer.issue();
    clock.now += 300_001;
    expect(await issuer.consume(challenge.id)).toBe('expired');
  });

  it('is unknown when never issued, or when the id is not one we could have made', async () => {
    const { issuer } = setup();
    expect(await issuer.consume('AAAAAAAAAAAAAAAAAAAAAA')).toBe('unknown');
    expect(await issuer.consume('../../etc/passwd')).toBe('unknown');
    expect(await issuer.consume('x'.repeat(1000))).toBe('unknown');
  });

  it('refuses a configuration without an origin or a positive time to live, at construction', () => {
    expect(() => createChallengeIssuer({ origin: 'id.example.gov.cn', ttlSeconds: 300 })).toThrow(TypeError);
    expect(() => createChallengeIssuer({ origin, ttlSeconds: 0 })).toThrow(TypeError);
  });

  it('in memory, forgets challenges some time after they expire', async () => {
    const { clock, issuer } = setup();
    const old = await issuer.issue();
    clock.now += 60 * 60 * 1000;
    await issuer.issue(); // a write sweeps
    expect(await issuer.consume(old.id)).toBe('unknown');
  });
});
