import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import {
  createDynamoDbOtpStore,
  createFakeClock,
  createPhoneSignIn,
  createSandboxSmsSender,
  type FakeClock,
  type OtpStore,
  PhoneOtpError,
  type PhoneSignIn,
  type SandboxSmsSender,
} from '@platform/phone-otp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/**
 * Phone sign-in end to end on DynamoDB Local: the facade, the DynamoDB adapter, the sandbox SMS inbox. The clock is
 * fake but starts now, so the items' TTL (`expiresAt`) stays in the future and DynamoDB Local never removes them.
 * Each test uses numbers and addresses of its own.
 */
describe('phone sign-in on DynamoDB Local', () => {
  let storage: TestStorage;
  let store: OtpStore;
  const usedPhones = new Set<string>();
  let phoneCounter = 0;

  beforeAll(async () => {
    storage = await createTestStorage();
    store = createDynamoDbOtpStore({ documents: storage.documents, tableName: storage.tableNames.identity });
  });

  const newPhone = (): string => {
    phoneCounter += 1;
    const phone = `1350000${String(phoneCounter).padStart(4, '0')}`;
    usedPhones.add(phone);
    return phone;
  };

  interface Harness {
    readonly signIn: PhoneSignIn;
    readonly clock: FakeClock;
    readonly inbox: SandboxSmsSender;
    readonly codeFor: (phone: string) => string;
  }

  /** Starts at the top of the next hour (UTC+8 hours are UTC hours), so that hourly waits are exact. */
  const harness = (): Harness => {
    const clock = createFakeClock(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const inbox = createSandboxSmsSender({ write: () => {}, clock });
    const signIn = createPhoneSignIn({
      store,
      sms: inbox,
      blindIndexKey: randomBytes(32),
      codeHashKey: randomBytes(32),
      clock,
      logger: createLogger({ write: () => {} }),
    });
    return { signIn, clock, inbox, codeFor: (phone) => inbox.list({ phone })[0]?.params.code ?? '' };
  };

  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const errorCodes = (results: PromiseSettledResult<unknown>[]) =>
    results.map((result) =>
      result.status === 'fulfilled'
        ? 'verified'
        : result.reason instanceof PhoneOtpError
          ? result.reason.code
          : 'other',
    );

  it('sends a code and verifies it once: the happy path', async () => {
    const { signIn, codeFor, clock } = harness();
    const phone = newPhone();
    const issued = await signIn.requestCode({ phone: `+86 ${phone}`, ip: '198.51.100.1', locale: 'zh-CN' });
    clock.advance(45_000);
    const verified = await signIn.verifyCode({
      challengeId: issued.challengeId,
      code: codeFor(phone),
      ip: '198.51.100.1',
    });
    expect(verified).toMatchObject({ phone, phoneE164: `+86${phone}`, challengeId: issued.challengeId });
    await expect(
      signIn.verifyCode({ challengeId: issued.challengeId, code: codeFor(phone), ip: '198.51.100.1' }),
    ).rejects.toMatchObject({ code: 'code_used' });
  });

  it('lets exactly one of 20 concurrent right codes through', async () => {
    const { signIn, codeFor } = harness();
    const phone = newPhone();
    const { challengeId } = await signIn.requestCode({ phone, ip: '198.51.100.2' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => signIn.verifyCode({ challengeId, code: codeFor(phone), ip: '198.51.100.2' })),
    );
    const outcomes = errorCodes(results);
    expect(outcomes.filter((outcome) => outcome === 'verified')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'code_used')).toHaveLength(19);
  });

  it('kills the code after 5 wrong tries even when they arrive at once, and then refuses the right one', async () => {
    const { signIn, codeFor } = harness();
    const phone = newPhone();
    const { challengeId } = await signIn.requestCode({ phone, ip: '198.51.100.3' });
    const wrong = wrongCode(codeFor(phone));
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => signIn.verifyCode({ challengeId, code: wrong, ip: '198.51.100.3' })),
    );
    const outcomes = errorCodes(results);
    expect(outcomes.filter((outcome) => outcome === 'invalid_code')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'too_many_attempts')).toHaveLength(8);
    const remaining = results
      .map((result) => (result.status === 'rejected' ? (result.reason as PhoneOtpError).remainingAttempts : undefined))
      .filter((left) => left !== undefined && left > 0)
      .sort();
    expect(remaining).toEqual([1, 2, 3, 4]);
    expect((await store.get(challengeId))?.failedAttempts).toBe(5);
    await expect(signIn.verifyCode({ challengeId, code: codeFor(phone), ip: '198.51.100.3' })).rejects.toMatchObject({
      code: 'too_many_attempts',
    });
  });

  it('refuses an expired code', async () => {
    const { signIn, codeFor, clock } = harness();
    const phone = newPhone();
    const { challengeId } = await signIn.requestCode({ phone, ip: '198.51.100.4' });
    clock.advance(5 * 60_000);
    await expect(signIn.verifyCode({ challengeId, code: codeFor(phone), ip: '198.51.100.4' })).rejects.toMatchObject({
      code: 'code_expired',
    });
  });

  it('replaces the old code with a new one', async () => {
    const { signIn, codeFor, clock } = harness();
    const phone = newPhone();
    const first = await signIn.requestCode({ phone, ip: '198.51.100.5' });
    const firstCode = codeFor(phone);
    clock.advance(60_000);
    const second = await signIn.requestCode({ phone, ip: '198.51.100.5' });
    expect(second.challengeId).not.toBe(first.challengeId);
    await expect(
      signIn.verifyCode({ challengeId: first.challengeId, code: firstCode, ip: '198.51.100.5' }),
    ).rejects.toMatchObject({ code: 'code_superseded' });
    if (codeFor(phone) !== firstCode) {
      // By phone, the old code is checked against the current challenge: just a wrong code (one in 10^6 runs skips).
      await expect(signIn.verifyCode({ phone, code: firstCode, ip: '198.51.100.5' })).rejects.toMatchObject({
        code: 'invalid_code',
        remainingAttempts: 4,
      });
    }
    const verified = await signIn.verifyCode({ phone, code: codeFor(phone), ip: '198.51.100.5' });
    expect(verified.challengeId).toBe(second.challengeId);
  });

  it('limits sends per phone: the resend interval, then 5 an hour, with the wait in seconds', async () => {
    const { signIn, clock } = harness();
    const phone = newPhone();
    const ask = () => signIn.requestCode({ phone, ip: '198.51.100.6' });
    await ask();
    clock.advance(15_000);
    await expect(ask()).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 45 });
    clock.advance(45_000);
    for (let n = 1; n < 5; n += 1) {
      await ask();
      clock.advance(60_000);
    }
    // Five codes sent at 0, 60, …, 240 s into the hour; now is 300 s in.
    await expect(ask()).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3_300, status: 429 });
    clock.advance(3_300_000);
    await expect(ask()).resolves.toBeDefined();
  });

  it('limits sends per IP network: 20 an hour, whatever the numbers', async () => {
    const { signIn, clock } = harness();
    const ip = '192.0.2.77';
    await Promise.all(Array.from({ length: 20 }, () => signIn.requestCode({ phone: newPhone(), ip })));
    clock.advance(600_000);
    const refused = signIn.requestCode({ phone: newPhone(), ip });
    await expect(refused).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3_000, limit: 'ip_3600s' });
    await expect(signIn.requestCode({ phone: newPhone(), ip: '192.0.2.78' })).resolves.toBeDefined();
  });

  it('sends one code, not two, when one phone asks twice at once', async () => {
    const { signIn, inbox } = harness();
    const phone = newPhone();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, n) => signIn.requestCode({ phone, ip: `198.51.100.${10 + n}` })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(inbox.list({ phone })).toHaveLength(1);
  });

  it('stores no phone number, code or IP address in clear', async () => {
    const { signIn, codeFor } = harness();
    const phone = newPhone();
    await signIn.requestCode({ phone, ip: '203.0.113.99' });
    const code = codeFor(phone);
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await storage.documents.send(
        new ScanCommand({ TableName: storage.tableNames.identity, ExclusiveStartKey }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const table = JSON.stringify(items);
    expect(items.length).toBeGreaterThan(usedPhones.size);
    for (const number of usedPhones) {
      expect(table).not.toContain(number);
      expect(table).not.toContain(number.slice(3)); // nor its last 8 digits in some other spelling
    }
    expect(table).not.toContain(code);
    expect(table).not.toMatch(/198\.51\.100|192\.0\.2|203\.0\.113/);
  });
});
