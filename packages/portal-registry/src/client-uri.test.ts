import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkClientUri, REDIRECT_URI_CODES } from './client-uri.ts';
import { RegistrationError } from './registration-error.ts';

const check = (value: unknown) => checkClientUri(value, 'redirectUris[0]', REDIRECT_URI_CODES);

const refusal = (value: unknown): { code: string; field: string | undefined } => {
  try {
    check(value);
  } catch (error) {
    if (error instanceof RegistrationError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error(`accepted ${String(value)}`);
};

describe('checkClientUri (redirect, logout and JWKS URIs)', () => {
  it('accepts https URIs and returns the exact string given', () => {
    for (const uri of [
      'https://zwfw.example.gov.cn/callback',
      'https://a.example.gov.cn:8443/cb?x=1',
      'https://A.example/cb',
    ])
      expect(check(uri)).toBe(uri);
  });

  it('accepts http only on loopback hosts', () => {
    for (const uri of ['http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/cb'])
      expect(check(uri)).toBe(uri);
    expect(refusal('http://portal.example.gov.cn/cb').code).toBe('insecure_redirect_uri');
    expect(refusal('http://localhost.example.com/cb').code).toBe('insecure_redirect_uri');
    expect(refusal('http://10.0.0.1/cb').code).toBe('insecure_redirect_uri');
  });

  it.each([
    ['relative', '/callback'],
    ['fragment', 'https://a.example.gov.cn/cb#top'],
    ['empty fragment', 'https://a.example.gov.cn/cb#'],
    ['wildcard host', 'https://*.example.gov.cn/cb'],
    ['wildcard path', 'https://a.example.gov.cn/*'],
    ['other scheme', 'ftp://a.example.gov.cn/cb'],
    ['javascript', 'javascript:alert(1)'],
    ['custom scheme', 'cn.gov.app:/cb'],
    ['credentials', 'https://user:pw@a.example.gov.cn/cb'],
    ['space', 'https://a.example.gov.cn/c b'],
    ['not a string', 42],
    ['empty', ''],
  ])('refuses a %s URI as invalid_redirect_uri, naming the field', (_label, uri) => {
    expect(refusal(uri)).toEqual({ code: 'invalid_redirect_uri', field: 'redirectUris[0]' });
  });

  it('never accepts a URI with a fragment or a non-loopback http host (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (uri) => {
        const url = new URL(uri);
        const mustRefuse =
          uri.includes('#') ||
          (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
        let accepted = true;
        try {
          check(uri);
        } catch (error) {
          if (!(error instanceof RegistrationError)) throw error;
          accepted = false;
        }
        if (mustRefuse) expect(accepted).toBe(false);
      }),
    );
  });

  it('returns every accepted URI unchanged (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (uri) => {
        if (uri.includes('*')) return;
        expect(check(uri)).toBe(uri);
      }),
    );
  });
});
