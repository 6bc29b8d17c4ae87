import { randomBytes } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';

/** Every model oidc-provider 9 stores through its adapter. */
export const OIDC_MODELS = [
  'Session',
  'Interaction',
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
  'ClientCredentials',
  'Client',
  'InitialAccessToken',
  'RegistrationAccessToken',
  'ReplayDetection',
  'PushedAuthorizationRequest',
  'Grant',
] as const;

export type OidcModelName = (typeof OIDC_MODELS)[number];

/** An identifier shaped like oidc-provider's (base64url, with `-` and `_`), unique per call. */
export const newId = (): string => randomBytes(24).toString('base64url');

/** Model-specific fields as oidc-provider writes them (see its `example/my_adapter.js`). */
const MODEL_FIELDS: Record<OidcModelName, (ids: { grantId: string }) => AdapterPayload> = {
  Session: () => ({
    uid: newId(),
    accountId: 'account-1',
    loginTs: 1_700_000_000,
    acr: 'urn:platform:acr:id-card',
    amr: ['pwd', 'sms'],
    authorizations: { 'portal-a': { sid: newId(), grantId: newId() } },
  }),
  Interaction: ({ grantId }) => ({
    uid: newId(),
    returnTo: 'https://id.example.gov.cn/auth/abc',
    params: { client_id: 'portal-a', scope: 'openid', redirect_uri: 'https://portal.example.gov.cn/cb' },
    prompt: { name: 'login', reasons: ['no_session'], details: {} },
    session: { uid: newId(), cookie: newId(), accountId: 'account-1' },
    grantId,
  }),
  AccessToken: ({ grantId }) => ({
    accountId: 'account-1',
    clientId: 'portal-a',
    grantId,
    scope: 'openid profile',
    gty: 'authorization_code',
    sessionUid: newId(),
    expiresWithSession: true,
    'x5t#S256': 'thumbprint',
  }),
  AuthorizationCode: ({ grantId }) => ({
    accountId: 'account-1',
    clientId: 'portal-a',
    grantId,
    scope: 'openid',
    redirectUri: 'https://portal.example.gov.cn/cb',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
    nonce: 'n-0S6_WzA2Mj',
  }),
  RefreshToken: ({ grantId }) => ({
    accountId: 'account-1',
    clientId: 'portal-a',
    grantId,
    scope: 'openid offline_access',
    gty: 'authorization_code refresh_token',
    rotations: 2,
    iiat: 1_700_000_000,
  }),
  DeviceCode: ({ grantId }) => ({
    clientId: 'kiosk',
    grantId,
    userCode: `${newId().slice(0, 4)}-${newId().slice(0, 4)}`,
    params: { client_id: 'kiosk', scope: 'openid' },
    deviceInfo: { ip: '127.0.0.1', ua: 'kiosk/1.0' },
  }),
  BackchannelAuthenticationRequest: ({ grantId }) => ({
    clientId: 'portal-a',
    grantId,
    accountId: 'account-1',
    scope: 'openid',
    params: { login_hint: 'account-1' },
  }),
  PreAuthorizedCode: ({ grantId }) => ({ clientId: 'wallet', grantId, accountId: 'account-1' }),
  ClientCredentials: () => ({
    clientId: 'department-42',
    scope: 'payments:notices',
    aud: ['https://pay.example.gov.cn'],
  }),
  Client: () => ({
    client_id: 'dynamic-client',
    client_secret: 'secret',
    redirect_uris: ['https://portal.example.gov.cn/cb'],
    grant_types: ['authorization_code'],
  }),
  InitialAccessToken: () => ({ policies: ['registration-policy'] }),
  RegistrationAccessToken: () => ({ clientId: 'dynamic-client', policies: ['registration-policy'] }),
  ReplayDetection: () => ({ iss: 'portal-a' }),
  PushedAuthorizationRequest: () => ({ clientId: 'portal-a', request: 'eyJhbGciOiJub25lIn0.e30.', dpop: false }),
  Grant: () => ({
    accountId: 'account-1',
    clientId: 'portal-a',
    openid: { scope: 'openid profile', claims: ['sub', 'acr'] },
    resources: { 'https://pay.example.gov.cn': 'payments:read' },
  }),
};

/** A payload of the model with the fields every stored model has (`jti`, `kind`, `iat`, `exp`). */
export const samplePayload = (
  model: OidcModelName,
  id: string,
  fields: { grantId?: string; iat?: number } & AdapterPayload = {},
): AdapterPayload => {
  const iat = fields.iat ?? 1_700_000_000;
  return {
    jti: id,
    kind: model,
    iat,
    exp: iat + 600,
    ...MODEL_FIELDS[model]({ grantId: fields.grantId ?? newId() }),
    ...fields,
  };
};
