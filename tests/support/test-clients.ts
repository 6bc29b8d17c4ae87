import { createDocumentClient } from '@platform/dynamodb';
import type { LocalEndpoints } from '@platform/local-runtime';
import { PortalRegistry } from '@platform/portal-registry';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import * as oidc from 'openid-client';

export interface ClientKeys {
  readonly privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  readonly publicJwk: JWK;
  readonly kid: string;
}

export const generateClientKeys = async (): Promise<ClientKeys> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' }, kid };
};

/** The portal registry of a running local platform, as the admin CLI would reach it. */
export const registryOf = (endpoints: LocalEndpoints): PortalRegistry =>
  new PortalRegistry({
    documents: createDocumentClient({ DYNAMODB_ENDPOINT: endpoints.dynamodb }),
    tableName: endpoints.tables.IDENTITY_TABLE as string,
  });

export interface TestPortal {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly keys: ClientKeys;
}

export const registerTestPortal = async (
  endpoints: LocalEndpoints,
  clientId: string,
  overrides: Record<string, unknown> = {},
): Promise<TestPortal> => {
  const keys = await generateClientKeys();
  const redirectUri = `http://127.0.0.1:9/${clientId}/callback`;
  await registryOf(endpoints).register(
    {
      kind: 'portal',
      clientId,
      name: { 'zh-CN': `测试门户 ${clientId}`, en: `Test portal ${clientId}` },
      firstParty: true,
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [`http://127.0.0.1:9/${clientId}/`],
      backchannelLogoutUri: `http://127.0.0.1:9/${clientId}/backchannel-logout`,
      subjectType: 'public',
      allowedScopes: ['openid', 'phone', 'profile', 'offline_access'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [keys.publicJwk] },
      idTokenSignedResponseAlg: 'ES256',
      ...overrides,
    },
    { by: 'test' },
  );
  return { clientId, redirectUri, keys };
};

export const registerTestDepartment = async (endpoints: LocalEndpoints, clientId: string) => {
  const keys = await generateClientKeys();
  await registryOf(endpoints).register(
    {
      kind: 'department',
      clientId,
      name: { 'zh-CN': '测试部门', en: 'Test department' },
      departmentCode: '330100-TEST',
      allowedScopes: ['payments:notices:read', 'payments:notices:write', 'payments:webhooks', 'payments:refunds:write'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [keys.publicJwk] },
    },
    { by: 'test' },
  );
  return { clientId, keys };
};

/** openid-client configured the way a portal integrates: discovery + private_key_jwt. */
export const discover = (issuer: string, clientId: string, keys: ClientKeys): Promise<oidc.Configuration> =>
  oidc.discovery(
    new URL(issuer),
    clientId,
    { id_token_signed_response_alg: 'ES256' },
    oidc.PrivateKeyJwt({ key: keys.privateKey, kid: keys.kid }),
    { execute: [oidc.allowInsecureRequests] },
  );

/**
 * A department's access token for the payments API, as its own system gets one: registered (as `clientId`, with every
 * payments scope) at the running platform's provider, then client credentials with a resource indicator.
 */
export const departmentToken = async (endpoints: LocalEndpoints, clientId: string, scope: string): Promise<string> => {
  const department = await registerTestDepartment(endpoints, clientId);
  const config = await discover(endpoints.identity, department.clientId, department.keys);
  return (await oidc.clientCredentialsGrant(config, { scope, resource: endpoints.payments })).access_token;
};
