import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.ts';

describe('parseCookies', () => {
  it('reads name=value pairs, keeping the first of several with the same name', () => {
    const cookies = parseCookies('a=1; social-security-session=abc_DEF-123; a=2');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('social-security-session')).toBe('abc_DEF-123');
  });

  it('ignores values this portal never sets and malformed parts', () => {
    const cookies = parseCookies('x="quoted"; =novalue; flag; y=%3Cscript%3E; z=ok');
    expect([...cookies.keys()]).toEqual(['z']);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('serializeCookie', () => {
  it('makes every cookie HttpOnly and SameSite=Lax, Secure when asked', () => {
    expect(serializeCookie('s', 'v', { path: '/', maxAge: 60, secure: false })).toBe(
      's=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('s', 'v', { path: '/callback', maxAge: 0, secure: true })).toBe(
      's=v; Path=/callback; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    );
  });
});
