import { describe, expect, it } from 'vitest';
import { cookieHeader, readCookies } from './cookies.ts';

describe('cookies', () => {
  it('reads API Gateway v2 cookies, else the Cookie header; the first of a name wins', () => {
    expect(readCookies({ cookies: ['a=1', 'b=x.y=z', 'a=2'] })).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'x.y=z'],
      ]),
    );
    expect(readCookies({ headers: { cookie: 'a=1; b=2' } }).get('b')).toBe('2');
    expect(readCookies({}).size).toBe(0);
  });

  it('sets HttpOnly, SameSite=Lax, and Secure unless told otherwise', () => {
    expect(cookieHeader('s', 'v', { path: '/my', secure: true }, 60)).toBe(
      's=v; Path=/my; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(cookieHeader('s', '', { path: '/my', secure: false }, 0)).toBe(
      's=; Path=/my; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });
});
