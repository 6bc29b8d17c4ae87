import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CSRF_COOKIE, csrfToken, csrfValid, readCookie } from './csrf.ts';

const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;

describe('CSRF double-submit', () => {
  it('issues a token with a strict, HttpOnly cookie and reuses the one the browser has', () => {
    const fresh = csrfToken(request(), true);
    expect(fresh.token).toMatch(/^[\w-]{32}$/);
    expect(fresh.setCookie).toContain('SameSite=Strict');
    expect(fresh.setCookie).toContain('HttpOnly');
    expect(fresh.setCookie).toContain('Secure');
    expect(csrfToken(request(`${CSRF_COOKIE}=abc`), false)).toMatchObject({ token: 'abc' });
  });

  it('accepts only a field equal to the cookie', () => {
    expect(csrfValid(request(`a=1; ${CSRF_COOKIE}=abc`), 'abc')).toBe(true);
    expect(csrfValid(request(`${CSRF_COOKIE}=abc`), 'abd')).toBe(false);
    expect(csrfValid(request(`${CSRF_COOKIE}=abc`), undefined)).toBe(false);
    expect(csrfValid(request(), 'abc')).toBe(false);
  });

  it('reads cookies by exact name', () => {
    expect(readCookie(request(`x${CSRF_COOKIE}=no; ${CSRF_COOKIE}=yes`), CSRF_COOKIE)).toBe('yes');
  });
});
