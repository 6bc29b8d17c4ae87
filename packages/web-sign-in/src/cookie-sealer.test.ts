import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieSealer } from './cookie-sealer.ts';
import { WebSignInConfigurationError } from './errors.ts';

const key = () => new Uint8Array(randomBytes(32));

describe('CookieSealer', () => {
  it('opens what it sealed, for the same purpose, and the browser can not read it', async () => {
    const sealer = new CookieSealer(key());
    const sealed = await sealer.seal('session', { sub: 'abc', profile: { maskedId: '110***' } }, 60);
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('abc');
    expect(await sealer.open('session', sealed)).toMatchObject({ sub: 'abc', profile: { maskedId: '110***' } });
  });

  it('refuses a value sealed for another purpose (a sign-in cookie is never a session)', async () => {
    const sealer = new CookieSealer(key());
    expect(await sealer.open('session', await sealer.seal('signin', { state: 'x' }, 60))).toBeUndefined();
  });

  it('refuses any altered character, another key, garbage and nothing', async () => {
    const sealer = new CookieSealer(key());
    const sealed = await sealer.seal('session', { sub: 'abc' }, 60);
    for (let i = 0; i < sealed.length; i += 7) {
      if (sealed[i] === '.') continue;
      const altered = `${sealed.slice(0, i)}${sealed[i] === 'A' ? 'B' : 'A'}${sealed.slice(i + 1)}`;
      expect(await sealer.open('session', altered)).toBeUndefined();
    }
    expect(await new CookieSealer(key()).open('session', sealed)).toBeUndefined();
    for (const value of ['', 'x', 'a.b.c.d.e', undefined]) expect(await sealer.open('session', value)).toBeUndefined();
  });

  it('refuses an expired value, whatever the browser kept', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    const sealer = new CookieSealer(key(), () => now);
    const sealed = await sealer.seal('session', { sub: 'abc' }, 8 * 3600);
    now = new Date('2026-11-23T15:59:59Z');
    expect(await sealer.open('session', sealed)).toBeDefined();
    now = new Date('2026-11-23T16:00:01Z');
    expect(await sealer.open('session', sealed)).toBeUndefined();
  });

  it('needs a 32-byte key', () => {
    expect(() => new CookieSealer(new Uint8Array(16))).toThrow(WebSignInConfigurationError);
  });
});
