import { describe, expect, it } from 'vitest';
import { createCertificateSignIn } from './certificate-sign-in.ts';
import { createChallengeIssuer } from './challenge-issuer.ts';
import { signWithPrivateKey } from './signing.ts';
import { createCertificateScenario } from './test-support/certificate-scenario.ts';
import { TEST_USCC } from './test-support/test-ca.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');

const setup = () => {
  const scenario = createCertificateScenario({ algorithm: 'SM2', now: NOW });
  const challenges = createChallengeIssuer({
    origin: 'https://id.example.gov.cn',
    ttlSeconds: 120,
    now: () => scenario.clock.now,
  });
  const signIn = createCertificateSignIn({ verifier: scenario.verifier, challenges });
  const leaf = scenario.intermediate.issueLeaf();
  const chainPem = [leaf.pem, scenario.intermediate.certificate.pem];
  const signatureOver = (message: Uint8Array) =>
    new Uint8Array(signWithPrivateKey(leaf.keys.privateKey, message)?.signature ?? []);
  return { scenario, signIn, chainPem, signatureOver };
};

describe('enterprise certificate sign-in', () => {
  it('signs in with a signature over the issued challenge', async () => {
    const { signIn, chainPem, signatureOver } = setup();
    const challenge = await signIn.start();
    const result = await signIn.finish({
      challengeId: challenge.id,
      chainPem,
      signature: signatureOver(challenge.message),
    });
    expect(result).toMatchObject({ ok: true, uscc: TEST_USCC, keyAlgorithm: 'SM2' });
  });

  it('refuses the same challenge and signature a second time: challenge_replayed', async () => {
    const { signIn, chainPem, signatureOver } = setup();
    const challenge = await signIn.start();
    const attempt = { challengeId: challenge.id, chainPem, signature: signatureOver(challenge.message) };
    expect((await signIn.finish(attempt)).ok).toBe(true);
    const replay = await signIn.finish(attempt);
    expect(replay).toMatchObject({ ok: false, error: { code: 'challenge_replayed' } });
    expect(replay.ok ? '' : replay.error.messageZh).toBe('该登录请求已被使用，请重新登录。');
  });

  it('uses the challenge up even when the attempt fails, so each challenge is one try', async () => {
    const { signIn, chainPem, signatureOver } = setup();
    const challenge = await signIn.start();
    const wrong = await signIn.finish({
      challengeId: challenge.id,
      chainPem,
      signature: signatureOver(new Uint8Array(8)),
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'challenge_signature_invalid' } });
    const retry = await signIn.finish({
      challengeId: challenge.id,
      chainPem,
      signature: signatureOver(challenge.message),
    });
    expect(retry).toMatchObject({ ok: false, error: { code: 'challenge_replayed' } });
  });

  it('refuses an expired challenge and one that was never issued', async () => {
    const { scenario, signIn, chainPem, signatureOver } = setup();
    const challenge = await signIn.start();
    scenario.clock.now += 121_000;
    const signature = signatureOver(challenge.message);
    expect(await signIn.finish({ challengeId: challenge.id, chainPem, signature })).toMatchObject({
      error: { code: 'challenge_expired' },
    });
    expect(await signIn.finish({ challengeId: 'never-issued', chainPem, signature })).toMatchObject({
      error: { code: 'challenge_unknown' },
    });
  });
});
