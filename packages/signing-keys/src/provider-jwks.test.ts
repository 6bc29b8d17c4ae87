import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import Provider from 'oidc-provider';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import { providerJwks } from './jwks.ts';
import type { KeySet, SigningAlgorithm, SigningKeyState } from './key-set.ts';
import { rotateKeySet } from './rotate-key-set.ts';

/**
 * The claim providerJwks rests on, checked against oidc-provider itself rather than read from its source:
 * it publishes every key and signs with the one we put first (the current key).
 */
const ISSUER = 'http://127.0.0.1:9/';
const CLIENT = { id: 'department', secret: 'department-secret-long-enough-for-hs256-0123456789' };
const RESOURCE = { ES256: 'urn:test', RS256: 'urn:test:rsa' } as const;

const startProvider = async (set: KeySet) => {
  const provider = new Provider(ISSUER, {
    jwks: providerJwks(set),
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'api',
      },
    ],
    scopes: ['api'],
    ttl: { ClientCredentials: 600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE.ES256,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => ({
          scope: 'api',
          audience: resourceIndicator,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: resourceIndicator === RESOURCE.RS256 ? 'RS256' : 'ES256' } },
        }),
      },
    },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const accessToken = async (base: string, alg: SigningAlgorithm): Promise<string> => {
  const response = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: RESOURCE[alg] }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token as string;
};

const publishedJwks = async (base: string) => (await (await fetch(`${base}/jwks`)).json()) as JSONWebKeySet;

const kidOf = (set: KeySet, alg: SigningAlgorithm, state: SigningKeyState) =>
  set.keys.filter((key) => key.alg === alg && key.state === state).map((key) => key.kid);

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((closed) => server.close(closed))));
});

describe('providerJwks with a real oidc-provider', () => {
  let set: KeySet;
  beforeAll(async () => {
    // One rotation first, so the set holds next, current and retired keys.
    set = await rotateKeySet(await createKeySet(new Date('2026-01-01T00:00:00Z')), new Date('2026-01-02T00:00:00Z'), {
      retentionSeconds: 86_400,
    });
  });

  it('publishes next, current and retired keys at /jwks, and no private member', async () => {
    const jwks = await publishedJwks(await startProvider(set));
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual(set.keys.map((key) => key.kid).sort());
    expect(new Set(set.keys.map((key) => key.state))).toEqual(new Set(['next', 'current', 'retired']));
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });

  it.each(['ES256', 'RS256'] as const)('signs %s access tokens with the current key', async (alg) => {
    const token = await accessToken(await startProvider(set), alg);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg, kid: kidOf(set, alg, 'current')[0] });
  });

  it.each(['ES256', 'RS256'] as const)(
    'after a rotation signs %s with the former next key, and tokens of the former current key still verify',
    async (alg) => {
      const before = await startProvider(set);
      const oldToken = await accessToken(before, alg);

      const rotated = await rotateKeySet(set, new Date('2026-01-03T00:00:00Z'), { retentionSeconds: 86_400 });
      const after = await startProvider(rotated);
      const newToken = await accessToken(after, alg);

      expect(decodeProtectedHeader(newToken).kid).toBe(kidOf(set, alg, 'next')[0]);
      const jwks = createLocalJWKSet(await publishedJwks(after));
      const expected = { issuer: ISSUER, audience: RESOURCE[alg] };
      await expect(jwtVerify(oldToken, jwks, expected)).resolves.toMatchObject({ protectedHeader: { alg } });
      await expect(jwtVerify(newToken, jwks, expected)).resolves.toMatchObject({ protectedHeader: { alg } });
    },
  );
});
