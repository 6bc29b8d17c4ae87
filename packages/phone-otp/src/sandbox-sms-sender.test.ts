import { describe, expect, it } from 'vitest';
import { createFakeClock } from './clock.ts';
import { normalisePhoneNumber } from './phone-number.ts';
import { createSandboxSmsSender } from './sandbox-sms-sender.ts';
import { SmsDeliveryError } from './sms-sender.ts';

const phone = normalisePhoneNumber('13812345678');
const message = (text: string, to = phone) => ({ phone: to, text, templateId: 't', params: { code: text } });

describe('sandbox SMS sender', () => {
  it('prints each message with the code visible and the phone masked', async () => {
    const lines: string[] = [];
    const sms = createSandboxSmsSender({ write: (line) => lines.push(line) });
    await sms.send(message('【政务服务】验证码 004217，5分钟内有效，请勿告诉他人。'));
    expect(lines).toEqual(['[sandbox sms] to 138****5678 (t): 【政务服务】验证码 004217，5分钟内有效，请勿告诉他人。']);
  });

  it('lists messages newest first, for one phone in any spelling or for all', async () => {
    const clock = createFakeClock(Date.UTC(2025, 0, 1));
    const sms = createSandboxSmsSender({ write: () => {}, clock });
    await sms.send(message('one'));
    await sms.send(message('other', normalisePhoneNumber('13900001111')));
    await sms.send(message('two'));
    expect(sms.list({ phone: '+86 138 1234 5678' }).map((m) => m.text)).toEqual(['two', 'one']);
    expect(sms.list().map((m) => m.text)).toEqual(['two', 'other', 'one']);
    expect(sms.list()[0]).toMatchObject({ phone, maskedPhone: '138****5678', sentAt: '2025-01-01T00:00:00.000Z' });
    sms.clear();
    expect(sms.list()).toEqual([]);
  });

  it('keeps only the last N per phone and a bounded number of phones', async () => {
    const sms = createSandboxSmsSender({ write: () => {}, keepPerPhone: 3, maxPhones: 2 });
    for (let n = 1; n <= 5; n += 1) await sms.send(message(`m${n}`));
    expect(sms.list({ phone }).map((m) => m.text)).toEqual(['m5', 'm4', 'm3']);
    await sms.send(message('b', normalisePhoneNumber('13900001111')));
    await sms.send(message('c', normalisePhoneNumber('13900002222')));
    expect(sms.list({ phone })).toEqual([]);
    expect(sms.list()).toHaveLength(2);
  });

  it('fails like a gateway for its magic numbers', async () => {
    const sms = createSandboxSmsSender({ write: () => {} });
    await expect(sms.send(message('x', normalisePhoneNumber('13900000503')))).rejects.toThrow(SmsDeliveryError);
    await expect(sms.send(message('x', normalisePhoneNumber('13900000429')))).rejects.toMatchObject({
      kind: 'throttled',
      retryable: true,
    });
    expect(sms.list()).toEqual([]);
  });
});
