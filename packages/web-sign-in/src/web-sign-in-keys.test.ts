import { describe, expect, it } from 'vitest';
import { WebSignInConfigurationError } from './errors.ts';
import { parseWebSignInKeys } from './web-sign-in-keys.ts';

const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k' };
const cookieKey = Buffer.alloc(32, 1).toString('base64url');

describe('parseWebSignInKeys', () => {
  it('reads the private JWK and the 32-byte cookie key', () => {
    const keys = parseWebSignInKeys(JSON.stringify({ clientPrivateJwk: jwk, cookieKey }), 'test');
    expect(keys.clientPrivateJwk.kid).toBe('k');
    expect(keys.cookieKey).toHaveLength(32);
  });

  it('refuses a public key, a short cookie key and non-JSON, naming the source', () => {
    const { d: _d, ...publicJwk } = jwk;
    for (const json of [
      JSON.stringify({ clientPrivateJwk: publicJwk, cookieKey }),
      JSON.stringify({ clientPrivateJwk: jwk, cookieKey: 'c2hvcnQ' }),
      'not json',
    ]) {
      expect(() => parseWebSignInKeys(json, 'the-file')).toThrow(WebSignInConfigurationError);
      expect(() => parseWebSignInKeys(json, 'the-file')).toThrow(/the-file/);
    }
  });
});
