import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@platform/dynamodb';
import { createDynamoDbAdapterFactory, recordKey } from '@platform/oidc-storage';
import Provider, { type Configuration } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

const DEPARTMENT = { client_id: 'department-42', client_secret: 'department-secret' };
const PORTAL = {
  client_id: 'portal-a',
  client_secret: 'portal-secret',
  redirect_uri: 'https://portal.example.gov.cn/cb',
};

/** RS256: the default signing algorithm of clients' ID tokens. */
const signingKey = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };
};

const basic = (client: { client_id: string; client_secret: string }) =>
  `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64')}`;

/** oidc-provider itself, with our adapter as its only storage, served over HTTP on loopback. */
describe('oidc-provider on the DynamoDB adapter', () => {
  let storage: TestStorage;
  let server: Server;
  let provider: Provider;
  let issuer: string;
  const serverErrors: unknown[] = [];

  beforeAll(async () => {
    storage = await createTestStorage();
    let callback: ReturnType<Provider['callback']> | undefined;
    server = createServer((request, response) => callback?.(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const configuration: Configuration = {
      adapter: createDynamoDbAdapterFactory({ documents: storage.documents, tableName: storage.tableNames.identity }),
      clients: [
        {
          ...DEPARTMENT,
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          scope: 'payments',
        },
        {
          client_id: PORTAL.client_id,
          client_secret: PORTAL.client_secret,
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: [PORTAL.redirect_uri],
          response_types: ['code'],
        },
      ],
      scopes: ['openid', 'offline_access', 'payments'],
      findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
      features: {
        clientCredentials: { enabled: true },
        // Confidential clients see and revoke only their own tokens.
        introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
        revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
        devInteractions: { enabled: false },
      },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        ClientCredentials: 600,
        Grant: 3600,
        IdToken: 600,
        RefreshToken: 3600,
      },
      // Rotation is what puts consume() on the refresh token path.
      rotateRefreshToken: true,
      jwks: { keys: [signingKey()] },
      cookies: { keys: ['cookie-signing-key-for-tests'] },
    };
    provider = new Provider(issuer, configuration);
    provider.on('server_error', (_ctx, error) => serverErrors.push(error));
    callback = provider.callback();
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  const post = async (
    path: string,
    client: { client_id: string; client_secret: string },
    form: Record<string, string>,
  ) => {
    const response = await fetch(`${issuer}${path}`, {
      method: 'POST',
      headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };

  const introspect = async (client: { client_id: string; client_secret: string }, token: string) =>
    (await post('/token/introspection', client, { token })).body;

  const storedItem = async (model: string, id: string) =>
    (
      await storage.documents.send(
        new GetCommand({ TableName: storage.tableNames.identity, Key: recordKey(model, id), ConsistentRead: true }),
      )
    ).Item;

  /** An authorization code for the portal, made through the engine's own models as its authorization endpoint does. */
  const issueAuthorizationCode = async (accountId: string) => {
    const grant = new provider.Grant({ accountId, clientId: PORTAL.client_id });
    grant.addOIDCScope('openid offline_access');
    const grantId = await grant.save();
    const client = await provider.Client.find(PORTAL.client_id);
    if (!client) throw new Error('portal client is not configured');
    const code = new provider.AuthorizationCode({
      accountId,
      client,
      grantId,
      scope: 'openid offline_access',
      redirectUri: PORTAL.redirect_uri,
      authTime: Math.floor(Date.now() / 1000),
      // Required by @types/oidc-provider; the engine does not store it on codes.
      gty: 'authorization_code',
    });
    return { grantId, code: await code.save() };
  };

  const redeem = (code: string) =>
    post('/token', PORTAL, { grant_type: 'authorization_code', code, redirect_uri: PORTAL.redirect_uri });

  it('issues a client_credentials token into the table, introspects it, and revokes it', async () => {
    const issued = await post('/token', DEPARTMENT, { grant_type: 'client_credentials', scope: 'payments' });
    expect(issued.status).toBe(200);
    const token = String(issued.body.access_token);
    expect(await storedItem('ClientCredentials', token)).toMatchObject({ model: 'ClientCredentials', id: token });

    expect(await introspect(DEPARTMENT, token)).toMatchObject({
      active: true,
      client_id: DEPARTMENT.client_id,
      scope: 'payments',
    });

    expect((await post('/token/revocation', DEPARTMENT, { token })).status).toBe(200);
    expect(await introspect(DEPARTMENT, token)).toEqual({ active: false });
    expect(await storedItem('ClientCredentials', token)).toBeUndefined();
    expect(serverErrors).toEqual([]);
  });

  it('redeems an authorization code once; a replay is refused and revokes every token of the grant', async () => {
    const { code, grantId } = await issueAuthorizationCode('account-1');
    const first = await redeem(code);
    expect(first.status).toBe(200);
    const accessToken = String(first.body.access_token);
    const refreshToken = String(first.body.refresh_token);
    expect(await introspect(PORTAL, accessToken)).toMatchObject({ active: true, sub: 'account-1' });
    expect(await storedItem('AccessToken', accessToken)).toMatchObject({ gsi2pk: `OIDC_GRANT#${grantId}` });

    const replay = await redeem(code);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await introspect(PORTAL, accessToken)).toEqual({ active: false });
    expect(await introspect(PORTAL, refreshToken)).toEqual({ active: false });
    expect(await storedItem('AccessToken', accessToken)).toBeUndefined();
    expect(serverErrors).toEqual([]);
  });

  it('lets only one of two simultaneous redemptions of a code succeed', async () => {
    const { code } = await issueAuthorizationCode('account-2');
    const outcomes = await Promise.all([redeem(code), redeem(code)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 400]);
    expect(outcomes.find((outcome) => outcome.status === 400)?.body).toMatchObject({ error: 'invalid_grant' });
    expect(serverErrors).toEqual([]);
  });

  it('rotates a refresh token through consume, and refuses the used one', async () => {
    const { code } = await issueAuthorizationCode('account-3');
    const { body } = await redeem(code);
    const refresh = (token: string) => post('/token', PORTAL, { grant_type: 'refresh_token', refresh_token: token });
    const rotated = await refresh(String(body.refresh_token));
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(body.refresh_token);
    expect(await storedItem('RefreshToken', String(body.refresh_token))).toHaveProperty('consumed');

    expect(await refresh(String(body.refresh_token))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await introspect(PORTAL, String(rotated.body.refresh_token))).toEqual({ active: false });
    expect(serverErrors).toEqual([]);
  });
});
