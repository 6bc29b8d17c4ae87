import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phoneBlindIndex } from './blind-index.ts';
import { rateLimitNetwork } from './ip-address.ts';
import { normalisePhoneNumber } from './phone-number.ts';
import { openPhoneNumber, sealPhoneNumber } from './phone-seal.ts';
import { phoneOtpKeys } from './secret-keys.ts';

describe('phoneOtpKeys', () => {
  it('refuses short keys and one key for two purposes', () => {
    expect(() => phoneOtpKeys('short', randomBytes(32))).toThrow(/blindIndexKey must be at least 32 bytes/);
    expect(() => phoneOtpKeys(randomBytes(32), new Uint8Array(8))).toThrow(/codeHashKey/);
    const key = randomBytes(32);
    expect(() => phoneOtpKeys(key, Buffer.from(key))).toThrow(/different keys/);
  });
});

describe('phoneBlindIndex', () => {
  const phone = normalisePhoneNumber('13812345678');

  it('is stable for one key, different for another, and does not contain the number', () => {
    const key = randomBytes(32);
    expect(phoneBlindIndex(key, phone)).toBe(phoneBlindIndex(Buffer.from(key), phone));
    expect(phoneBlindIndex(randomBytes(32), phone)).not.toBe(phoneBlindIndex(key, phone));
    expect(phoneBlindIndex(key, phone)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('sealed phone number', () => {
  const { phoneSeal } = phoneOtpKeys(randomBytes(32), randomBytes(32));
  const phone = normalisePhoneNumber('13812345678');

  it('opens to the number under its challenge id and hides it', () => {
    const sealed = sealPhoneNumber(phoneSeal, phone, 'challenge-1');
    expect(sealed).not.toContain('13812345678');
    expect(openPhoneNumber(phoneSeal, sealed, 'challenge-1')).toBe(phone);
  });

  it('does not open under another challenge id or when tampered with', () => {
    const sealed = sealPhoneNumber(phoneSeal, phone, 'challenge-1');
    expect(() => openPhoneNumber(phoneSeal, sealed, 'challenge-2')).toThrow();
    const [version, iv, body, tag] = sealed.split('.');
    const flipped = `${body?.[0] === 'A' ? 'B' : 'A'}${body?.slice(1)}`;
    expect(() => openPhoneNumber(phoneSeal, [version, iv, flipped, tag].join('.'), 'challenge-1')).toThrow();
  });
});

describe('rateLimitNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unparsed'],
    ['', 'unparsed'],
  ])('counts %j as %j', (ip, network) => {
    expect(rateLimitNetwork(ip)).toBe(network);
  });
});
