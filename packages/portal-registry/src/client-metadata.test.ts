import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_CLIENT_PROPERTIES, toClientMetadata } from './client-metadata.ts';
import { KNOWN_SCOPES } from './known-scopes.ts';
import type { PortalRegistration } from './portal.ts';
import { validateRegistration } from './validate-registration.ts';

const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** The provider settings the registry's metadata relies on (see the README); everything else is left default. */
const providerWith = async (clients: Record<string, unknown>[]): Promise<Provider> => {
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    jwks: { keys: [await exportJWK(ec.privateKey), await exportJWK(rsa.privateKey)] } as Configuration['jwks'],
    clients: clients as unknown as Configuration['clients'],
    scopes: [...KNOWN_SCOPES],
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) =>
      createHash('sha256').update(`${client.sectorIdentifier}|${accountId}`).digest('base64url'),
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    extraClientMetadata: { properties: [...PLATFORM_CLIENT_PROPERTIES] },
  };
  return new Provider('http://127.0.0.1:9/', configuration);
};

describe('toClientMetadata, read back by a real oidc-provider', () => {
  let registrations: Record<string, PortalRegistration>;
  let provider: Provider;

  beforeAll(async () => {
    const pairwise = await validateRegistration({
      ...example('citizen-portal.json'),
      clientId: 'pairwise-portal',
      subjectType: 'pairwise',
      redirectUris: ['https://tax.example.gov.cn/cb', 'https://tax.example.gov.cn/cb2'],
      idTokenSignedResponseAlg: 'RS256',
    });
    registrations = {
      jwks: await validateRegistration(example('citizen-portal.json')),
      basic: await validateRegistration(example('partner-portal-secret-exception.json')),
      pairwise,
      department: await validateRegistration(example('market-supervision-department.json')),
    };
    provider = await providerWith(
      Object.values(registrations).map((registration) => toClientMetadata(registration, 'a-generated-secret')),
    );
  });

  it.each(['jwks', 'basic', 'pairwise', 'department'])(
    'the %s client is found and keeps every property the registry gave it',
    async (which) => {
      const registration = registrations[which] as PortalRegistration;
      const metadata = toClientMetadata(registration, 'a-generated-secret');
      const client = await provider.Client.find(registration.clientId);
      expect(client).toBeDefined();
      expect(client?.metadata()).toMatchObject(metadata);
    },
  );

  it('maps a first-party portal to the authorization code flow with back-channel logout', () => {
    const metadata = toClientMetadata(registrations.jwks as PortalRegistration);
    expect(metadata).toMatchObject({
      client_id: 'zhejiang-zwfw',
      client_name: '浙江政务服务网',
      platform_client_name_en: 'Zhejiang Government Services',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      backchannel_logout_session_required: true,
      subject_type: 'public',
      id_token_signed_response_alg: 'ES256',
      scope: 'openid profile phone offline_access realname idcard',
      platform_first_party: true,
      platform_kind: 'portal',
    });
    expect(metadata).not.toHaveProperty('client_secret');
  });

  it('gives the secret to the provider only for client_secret_basic', async () => {
    const client = await provider.Client.find('housing-fund-partner');
    expect(client?.clientAuthMethod).toBe('client_secret_basic');
    expect(client?.clientSecret).toBe('a-generated-secret');
    expect(() => toClientMetadata(registrations.basic as PortalRegistration)).toThrow(/no stored secret/);
  });

  it('derives pairwise subjects from the sector the registry recorded', async () => {
    const client = await provider.Client.find('pairwise-portal');
    expect(client?.subjectType).toBe('pairwise');
    expect(client?.sectorIdentifier).toBe((registrations.pairwise as { sectorIdentifier: string }).sectorIdentifier);
  });

  it('makes a department a client credentials client with no redirect', async () => {
    const client = await provider.Client.find('hz-market-supervision');
    expect(client?.grantTypes).toEqual(['client_credentials']);
    expect(client?.responseTypes).toEqual([]);
    expect(client?.redirectUris).toEqual([]);
    expect(client?.metadata()).toMatchObject({
      platform_kind: 'department',
      platform_department_code: '330100-SCJGJ',
      platform_first_party: false,
      jwks_uri: 'https://scjgj.example.gov.cn/.well-known/jwks.json',
    });
  });
});
