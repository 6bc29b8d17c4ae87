import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { signInAtPortal, startAuthorization } from '../support/portal-flow.ts';
import { discover, registerTestDepartment, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { signInByPhone, UserAgent } from '../support/user-agent.ts';

/**
 * The provider's protocol behaviour, checked with openid-client playing the portal (private_key_jwt, PKCE) against
 * the platform as `npm start` runs it.
 */
describe('OpenID Connect protocol (openid-client as the portal)', () => {
  let runtime: RuntimeProcess;
  let issuer: string;
  let portal: TestPortal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    issuer = runtime.endpoints.identity;
    portal = await registerTestPortal(runtime.endpoints, 'protocol-portal');
    config = await discover(issuer, portal.clientId, portal.keys);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const signIn = (agent: UserAgent, phone: string, parameters: Record<string, string> = {}) =>
    signInAtPortal(agent, issuer, config, portal, phone, { scope: 'openid phone', ...parameters });

  it('signs a new phone number in: ID token with acr, amr, auth_time, sid; userinfo with the phone number', async () => {
    const { tokens } = await signIn(new UserAgent(), '13800000001');
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: issuer, aud: portal.clientId, acr: 'urn:platform:loa:1', amr: ['sms'] });
    expect(typeof claims?.auth_time).toBe('number');
    expect(typeof claims?.sid).toBe('string');
    expect(claims?.sub).toMatch(/^[\w-]{22}$/);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
    expect(userinfo).toMatchObject({ phone_number: '+8613800000001', phone_number_verified: true });
  });

  it('accepts a pushed authorization request (PAR) and completes the flow from its request_uri', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = await oidc.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: portal.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    expect(url.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const callback = await signInByPhone(new UserAgent(), url, issuer, '13800000006', portal.redirectUri);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.sub).toBeTruthy();
  });

  it('revokes an access token on request: introspection then says inactive and userinfo refuses it', async () => {
    const { tokens } = await signIn(new UserAgent(), '13800000007');
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const userinfo = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
  });

  it('requires PKCE: an authorization request without code_challenge is refused', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: portal.redirectUri,
      scope: 'openid',
      state: 's',
    });
    const { url: landed } = await new UserAgent().follow(url, {}, portal.redirectUri);
    expect(landed.searchParams.get('error')).toBe('invalid_request');
    expect(landed.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a redirect URI that is not registered exactly, without redirecting to it', async () => {
    const { url } = await startAuthorization(config, portal, { redirect_uri: `${portal.redirectUri}/extra` });
    const { response } = await new UserAgent().follow(url);
    expect(response?.status).toBe(400);
    const page = (await response?.text()) ?? '';
    expect(page).toContain('redirect_uri');
    expect(page).toContain('id="error-code"');
  });

  it('refuses an unknown client with a clear page', async () => {
    const url = new URL(`${issuer}/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=http://x/`);
    const { response } = await new UserAgent().follow(url);
    expect(response?.status).toBe(400);
    expect(await response?.text()).toContain('invalid_client');
  });

  it('refuses a reused authorization code and revokes the tokens issued for it', async () => {
    const agent = new UserAgent();
    const { tokens, callback, request } = await signIn(agent, '13800000003');
    await expect(request.redeem(callback)).rejects.toMatchObject({ error: 'invalid_grant' });
    const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspection.active).toBe(false);
  });

  it('rotates refresh tokens and detects reuse of a rotated one by revoking the grant', async () => {
    const { tokens } = await signIn(new UserAgent(), '13800000004', {
      scope: 'openid phone offline_access',
      prompt: 'consent',
    });
    expect(tokens.refresh_token).toBeTruthy();
    const rotated = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // Reuse revoked the whole grant: the rotated token dies with it.
    await expect(oidc.refreshTokenGrant(config, rotated.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a client assertion signed by a key the portal did not register', async () => {
    const stranger = await registerTestPortal(runtime.endpoints, 'protocol-stranger');
    const impostor = await discover(issuer, portal.clientId, stranger.keys);
    await expect(oidc.clientCredentialsGrant(impostor, { scope: 'openid' })).rejects.toMatchObject({
      error: 'invalid_client',
    });
  });

  it('issues departments a JWT access token for the payments API (client credentials + resource indicator)', async () => {
    const department = await registerTestDepartment(runtime.endpoints, 'protocol-department');
    const departmentConfig = await discover(issuer, department.clientId, department.keys);
    const tokens = await oidc.clientCredentialsGrant(departmentConfig, {
      scope: 'payments:notices:write',
      resource: runtime.endpoints.payments,
    });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer,
      audience: runtime.endpoints.payments,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ client_id: department.clientId, scope: 'payments:notices:write' });
    await expect(
      oidc.clientCredentialsGrant(departmentConfig, {
        scope: 'payments:refunds:approve',
        resource: runtime.endpoints.payments,
      }),
    ).rejects.toMatchObject({ error: 'invalid_scope' });
  });

  it('binds an access token to a DPoP key when the portal asks', async () => {
    const department = await registerTestDepartment(runtime.endpoints, 'protocol-dpop');
    const departmentConfig = await discover(issuer, department.clientId, department.keys);
    const dpop = oidc.getDPoPHandle(departmentConfig, await oidc.randomDPoPKeyPair('ES256'));
    const tokens = await oidc.clientCredentialsGrant(
      departmentConfig,
      { scope: 'payments:notices:read', resource: runtime.endpoints.payments },
      { DPoP: dpop },
    );
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    expect(decodeJwt(tokens.access_token).cnf).toMatchObject({ jkt: expect.any(String) });
  });

  it('signs ID tokens with the current key of the published key set', async () => {
    const { tokens } = await signIn(new UserAgent(), '13800000005');
    const kid = decodeProtectedHeader(tokens.id_token as string).kid;
    const published = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((key) => key.kid)).toContain(kid);
  });
});
