import { calculateJwkThumbprint, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { DemoPortalError } from './demo-portal-error.ts';
import { generatePortalKey } from './portal-key.ts';
import { DEMO_PORTALS, type DemoPortalOptions } from './portal-options.ts';
import { demoPortalRegistration } from './registration.ts';

const options = async (overrides: Partial<DemoPortalOptions> = {}): Promise<DemoPortalOptions> => ({
  id: 'housing-fund',
  name: DEMO_PORTALS['housing-fund'],
  port: 0,
  issuer: 'http://127.0.0.1:4000',
  clientId: 'demo-housing-fund',
  privateJwk: await generatePortalKey(),
  ...overrides,
});

describe('generatePortalKey', () => {
  it('makes an ES256 private key named by its RFC 7638 thumbprint', async () => {
    const key = await generatePortalKey();
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(typeof key.d).toBe('string');
    expect(key.kid).toBe(await calculateJwkThumbprint(key));
    await expect(importJWK(key, 'ES256')).resolves.toBeDefined();
    expect((await generatePortalKey()).kid).not.toBe(key.kid);
  });
});

describe('demoPortalRegistration', () => {
  it('registers the portal’s own URLs, its public key only, and private_key_jwt', async () => {
    const portal = await options();
    const registration = demoPortalRegistration(portal, 'http://127.0.0.1:4101/');
    expect(registration).toEqual({
      kind: 'portal',
      clientId: 'demo-housing-fund',
      name: { 'zh-CN': '住房公积金', en: 'Housing Fund' },
      firstParty: true,
      redirectUris: ['http://127.0.0.1:4101/callback'],
      postLogoutRedirectUris: ['http://127.0.0.1:4101/'],
      backchannelLogoutUri: 'http://127.0.0.1:4101/backchannel-logout',
      subjectType: 'public',
      allowedScopes: ['openid', 'phone', 'profile', 'offline_access'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: {
        keys: [
          {
            kty: 'EC',
            crv: 'P-256',
            x: portal.privateJwk.x,
            y: portal.privateJwk.y,
            kid: portal.privateJwk.kid,
            alg: 'ES256',
            use: 'sig',
          },
        ],
      },
      idTokenSignedResponseAlg: 'ES256',
    });
    expect(JSON.stringify(registration)).not.toContain(String(portal.privateJwk.d));
  });

  it.each([
    ['an id unfit for cookies', { id: 'Social Security' }, /id must be/],
    ['a blank name', { name: { 'zh-CN': ' ', en: 'x' } }, /name\["zh-CN"\]/],
    ['a port out of range', { port: 70_000 }, /port must be/],
    ['plain http to a provider off this machine', { issuer: 'http://idp.example.gov.cn' }, /https/],
    [
      'a public key where the private one belongs',
      { privateJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' } },
      /private key/,
    ],
    ['a key without kid', { privateJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' } }, /kid/],
    ['scopes without openid', { scopes: 'phone profile' }, /openid/],
  ])('refuses %s with a message that says what to change', async (_case, overrides, message) => {
    const portal = await options(overrides as Partial<DemoPortalOptions>);
    expect(() => demoPortalRegistration(portal, 'http://127.0.0.1:4101')).toThrow(DemoPortalError);
    expect(() => demoPortalRegistration(portal, 'http://127.0.0.1:4101')).toThrow(message);
  });
});
