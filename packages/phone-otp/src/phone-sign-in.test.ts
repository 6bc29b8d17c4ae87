import { randomBytes } from 'node:crypto';
import { createLogger } from '@platform/logging';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from './clock.ts';
import { PhoneOtpError } from './errors.ts';
import { createInMemoryOtpStore } from './in-memory-otp-store.ts';
import type { OtpStore } from './otp-store.ts';
import { createPhoneSignIn } from './phone-sign-in.ts';
import { createSandboxSmsSender } from './sandbox-sms-sender.ts';
import type { OtpLimits } from './send-limits.ts';
import type { SmsSender } from './sms-sender.ts';

const PHONE = '13812345678';
/** 2025-03-03 00:00:00 in Beijing: windows start here, which keeps the expected waits readable. */
const MIDNIGHT_BEIJING = Date.parse('2025-03-02T16:00:00Z');

const setUp = (options: { limits?: Partial<OtpLimits>; sms?: SmsSender; store?: OtpStore } = {}) => {
  const clock = createFakeClock(MIDNIGHT_BEIJING);
  const store = options.store ?? createInMemoryOtpStore();
  const inbox = createSandboxSmsSender({ write: () => {}, clock });
  const logLines: string[] = [];
  const signIn = createPhoneSignIn({
    store,
    sms: options.sms ?? inbox,
    blindIndexKey: randomBytes(32),
    codeHashKey: randomBytes(32),
    clock,
    logger: createLogger({ write: (line) => logLines.push(line), level: 'debug' }),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const lastCode = (phone = PHONE) => inbox.list({ phone })[0]?.params.code ?? '';
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  return { signIn, clock, inbox, store, lastCode, wrong, logLines };
};

const refusal = async (promise: Promise<unknown>): Promise<PhoneOtpError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PhoneOtpError)) throw new Error(`expected a PhoneOtpError, got ${String(error)}`);
  return error;
};

describe('requestCode', () => {
  it('sends a six-digit code in the chosen language and answers with the challenge', async () => {
    const { signIn, inbox, clock } = setUp();
    const issued = await signIn.requestCode({ phone: '+86 138 1234 5678', ip: '203.0.113.1', locale: 'en' });
    expect(issued).toEqual({
      challengeId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      expiresAt: new Date(clock.now() + 300_000).toISOString(),
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
      maskedPhone: '138****5678',
    });
    const [sms] = inbox.list({ phone: PHONE });
    expect(sms?.text).toMatch(/^\[Gov Services\] Your code is \d{6}, valid for 5 minutes\. Never share it\.$/);
    expect(sms?.templateId).toBe('phone-otp.sign-in.en');
  });

  it('writes Chinese by default', async () => {
    const { signIn, inbox } = setUp();
    await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    expect(inbox.list()[0]?.text).toMatch(/^【政务服务】验证码 \d{6}，5分钟内有效，请勿告诉他人。$/);
  });

  it('refuses an invalid number before anything else', async () => {
    const { signIn, inbox } = setUp();
    expect((await refusal(signIn.requestCode({ phone: '12345', ip: '203.0.113.1' }))).code).toBe(
      'invalid_phone_number',
    );
    expect(inbox.list()).toEqual([]);
  });

  it('holds a phone to the resend interval, counting down', async () => {
    const { signIn, clock } = setUp();
    await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    clock.advance(20_000);
    const error = await refusal(signIn.requestCode({ phone: PHONE, ip: '203.0.113.2' }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 40, limit: 'resend_interval' });
    clock.advance(40_000);
    await expect(signIn.requestCode({ phone: PHONE, ip: '203.0.113.2' })).resolves.toBeDefined();
  });

  it('allows 5 codes an hour and 10 a day per phone, with the wait to the end of the window', async () => {
    const { signIn, clock } = setUp();
    const send = () => signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    for (let n = 0; n < 5; n += 1) {
      await send();
      clock.advance(60_000);
    }
    expect(await refusal(send())).toMatchObject({ retryAfterSeconds: 3600 - 300, limit: 'phone_3600s' });
    clock.set(MIDNIGHT_BEIJING + 3_600_000);
    for (let n = 0; n < 5; n += 1) {
      await send();
      clock.advance(60_000);
    }
    clock.set(MIDNIGHT_BEIJING + 2 * 3_600_000);
    expect(await refusal(send())).toMatchObject({ retryAfterSeconds: 22 * 3600, limit: 'phone_86400s' });
    clock.set(MIDNIGHT_BEIJING + 24 * 3_600_000);
    await expect(send()).resolves.toBeDefined();
  });

  it('allows 20 codes an hour per IP network, whatever the numbers', async () => {
    const { signIn, clock } = setUp();
    for (let n = 0; n < 20; n += 1) {
      await signIn.requestCode({ phone: `1390001${String(n).padStart(4, '0')}`, ip: '2001:db8:1:2::1' });
    }
    clock.advance(1_000);
    const error = await refusal(signIn.requestCode({ phone: PHONE, ip: '2001:db8:1:2::ffff' }));
    expect(error).toMatchObject({ code: 'rate_limited', limit: 'ip_3600s', retryAfterSeconds: 3599 });
    // The refusal did not use up the phone's budget; another network may still ask for it.
    await expect(signIn.requestCode({ phone: PHONE, ip: '2001:db8:9::1' })).resolves.toBeDefined();
  });

  it('takes limits as configuration', async () => {
    const { signIn } = setUp({ limits: { resendIntervalSeconds: 1, perPhone: [{ windowSeconds: 3600, max: 1 }] } });
    await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    expect(signIn.limits.perPhone).toEqual([{ windowSeconds: 3600, max: 1 }]);
  });

  it('withdraws the challenge when the SMS could not be sent, so the user may ask again at once', async () => {
    const { signIn } = setUp();
    const failing = '13900000503';
    const error = await refusal(signIn.requestCode({ phone: failing, ip: '203.0.113.1' }));
    expect(error).toMatchObject({ code: 'sms_unavailable', status: 503, retryAfterSeconds: 60 });
    expect((await refusal(signIn.verifyCode({ phone: failing, code: '000000', ip: '203.0.113.1' }))).code).toBe(
      'challenge_not_found',
    );
    expect((await refusal(signIn.requestCode({ phone: failing, ip: '203.0.113.1' }))).code).toBe('sms_unavailable');
  });

  it('reports the gateway’s throttling as a rate limit', async () => {
    const { signIn } = setUp();
    const error = await refusal(signIn.requestCode({ phone: '13900000429', ip: '203.0.113.1' }));
    expect(error).toMatchObject({ code: 'rate_limited', limit: 'sms_gateway', retryAfterSeconds: 60 });
  });

  it('never logs the number in clear', async () => {
    const { signIn, logLines, lastCode } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    await signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' });
    expect(logLines.length).toBeGreaterThan(1);
    for (const line of logLines) expect(line).not.toContain('12345678');
    expect(logLines.join('\n')).toContain('138****5678');
    expect(logLines.join('\n')).not.toContain(lastCode());
  });
});

describe('verifyCode', () => {
  it('verifies the code once, by challenge id, and hands back the number and its blind index', async () => {
    const { signIn, lastCode, clock } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    clock.advance(30_000);
    const verified = await signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' });
    expect(verified).toEqual({
      phone: PHONE,
      phoneE164: '+8613812345678',
      phoneHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      challengeId,
      verifiedAt: new Date(clock.now()).toISOString(),
    });
    expect((await refusal(signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' }))).code).toBe(
      'code_used',
    );
  });

  it('verifies by phone number, and gives the same blind index for every sign-in of a number', async () => {
    const { signIn, lastCode, clock } = setUp();
    await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const first = await signIn.verifyCode({ phone: '86-13812345678', code: lastCode(), ip: '203.0.113.1' });
    clock.advance(60_000);
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const second = await signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' });
    expect(second.phoneHash).toBe(first.phoneHash);
  });

  it('counts wrong codes down and kills the code on the fifth', async () => {
    const { signIn, lastCode, wrong } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const guess = () => signIn.verifyCode({ challengeId, code: wrong(lastCode()), ip: '203.0.113.1' });
    for (const remainingAttempts of [4, 3, 2, 1]) {
      expect(await refusal(guess())).toMatchObject({ code: 'invalid_code', remainingAttempts });
    }
    expect(await refusal(guess())).toMatchObject({ code: 'too_many_attempts', remainingAttempts: 0 });
    expect((await refusal(signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' }))).code).toBe(
      'too_many_attempts',
    );
  });

  it('does not count a malformed code as a try', async () => {
    const { signIn, lastCode } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    for (let n = 0; n < 10; n += 1) {
      expect((await refusal(signIn.verifyCode({ challengeId, code: '12ab', ip: '203.0.113.1' }))).code).toBe(
        'invalid_code_format',
      );
    }
    await expect(signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' })).resolves.toBeDefined();
  });

  it('refuses a code from the instant it expires', async () => {
    const { signIn, lastCode, clock } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    clock.advance(300_000);
    expect((await refusal(signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' }))).code).toBe(
      'code_expired',
    );
  });

  it('refuses the old code once a new one was sent', async () => {
    const { signIn, lastCode, clock } = setUp();
    const old = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const oldCode = lastCode();
    clock.advance(60_000);
    const fresh = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const attempt = signIn.verifyCode({ challengeId: old.challengeId, code: oldCode, ip: '203.0.113.1' });
    expect((await refusal(attempt)).code).toBe('code_superseded');
    await expect(
      signIn.verifyCode({ challengeId: fresh.challengeId, code: lastCode(), ip: '203.0.113.1' }),
    ).resolves.toBeDefined();
  });

  it('answers challenge_not_found for unknown ids and for numbers without a code, alike', async () => {
    const { signIn } = setUp();
    for (const attempt of [
      { challengeId: 'AAAAAAAAAAAAAAAAAAAAAA', code: '123456', ip: '203.0.113.1' },
      { challengeId: 'PHONE_OTP#../../x', code: '123456', ip: '203.0.113.1' },
      { phone: '13700000000', code: '123456', ip: '203.0.113.1' },
    ]) {
      expect((await refusal(signIn.verifyCode(attempt))).code).toBe('challenge_not_found');
    }
  });

  it('lets only one of many concurrent right codes through', async () => {
    const { signIn, lastCode } = setUp();
    const { challengeId } = await signIn.requestCode({ phone: PHONE, ip: '203.0.113.1' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => signIn.verifyCode({ challengeId, code: lastCode(), ip: '203.0.113.1' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('createPhoneSignIn', () => {
  it('checks its configuration at construction', () => {
    const key = randomBytes(32);
    const base = { store: createInMemoryOtpStore(), sms: createSandboxSmsSender({ write: () => {} }) };
    expect(() => createPhoneSignIn({ ...base, blindIndexKey: key, codeHashKey: key })).toThrow(/different/);
    expect(() =>
      createPhoneSignIn({ ...base, blindIndexKey: key, codeHashKey: randomBytes(32), limits: { maxAttempts: 0 } }),
    ).toThrow(/maxAttempts/);
  });
});
