import type { PortalRegistration } from './portal.ts';

/**
 * Custom client metadata the registry adds to what OpenID Connect defines. The provider keeps them only when its
 * configuration lists them: `extraClientMetadata: { properties: [...PLATFORM_CLIENT_PROPERTIES] }`.
 * - `platform_first_party` (boolean): the platform runs this portal; its users are not asked for consent.
 * - `platform_kind` (`portal` | `department`).
 * - `platform_department_code` (string, departments only): who the payments API acts for.
 * - `platform_client_name_en` (string): the English name (`client_name` is the Chinese one).
 */
export const PLATFORM_CLIENT_PROPERTIES = [
  'platform_first_party',
  'platform_kind',
  'platform_department_code',
  'platform_client_name_en',
] as const;

const authentication = (registration: PortalRegistration, clientSecret: string | undefined) => {
  if (registration.tokenEndpointAuthMethod === 'client_secret_basic' && !clientSecret)
    throw new Error(`Client ${registration.clientId} uses client_secret_basic but has no stored secret`);
  return {
    token_endpoint_auth_method: registration.tokenEndpointAuthMethod,
    ...(registration.jwks ? { jwks: registration.jwks } : {}),
    ...(registration.jwksUri ? { jwks_uri: registration.jwksUri } : {}),
    ...(registration.tokenEndpointAuthMethod === 'client_secret_basic' ? { client_secret: clientSecret } : {}),
  };
};

/**
 * The registration as oidc-provider client metadata (snake_case, as its adapter's `find('Client', id)` returns it).
 * Portals use the authorization code flow (with refresh tokens); departments only client credentials.
 */
export const toClientMetadata = (registration: PortalRegistration, clientSecret?: string): Record<string, unknown> => {
  const common = {
    client_id: registration.clientId,
    client_name: registration.name['zh-CN'],
    platform_client_name_en: registration.name.en,
    platform_kind: registration.kind,
    application_type: 'web',
    scope: registration.allowedScopes.join(' '),
    ...authentication(registration, clientSecret),
  };
  if (registration.kind === 'department')
    return {
      ...common,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      platform_first_party: false,
      platform_department_code: registration.departmentCode,
    };
  return {
    ...common,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...registration.redirectUris],
    post_logout_redirect_uris: [...registration.postLogoutRedirectUris],
    ...(registration.backchannelLogoutUri
      ? { backchannel_logout_uri: registration.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    subject_type: registration.subjectType,
    id_token_signed_response_alg: registration.idTokenSignedResponseAlg,
    platform_first_party: registration.firstParty,
  };
};
