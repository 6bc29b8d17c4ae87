import Provider, { type ClientMetadata, type Configuration, type JWKS } from 'oidc-provider';
import { LIFETIMES } from '../../functions/identity-provider/src/provider/lifetimes.ts';

export interface BareProviderOptions {
  /** The one client, as the platform's registry hands it to its provider (minus the platform's own properties). */
  readonly client?: ClientMetadata;
  /** Private JWKS with one ES256 key. */
  readonly jwks: JWKS;
  readonly cookieKeys: string[];
}

/**
 * The baseline of the identity benchmarks: oidc-provider with its in-memory adapter and its development login and
 * consent pages, configured like the platform's provider wherever that changes the work per request (PKCE for every
 * client, private_key_jwt, ES256 ID tokens, signed cookies, rotated refresh tokens, the same lifetimes and the same
 * enabled features except back-channel logout). Nothing of the platform runs in it: no DynamoDB, no registry, no
 * pages, no account store.
 */
export const createBareProvider = (issuer: string, options: BareProviderOptions): Provider => {
  const configuration: Configuration = {
    clients: options.client ? [options.client] : [],
    jwks: options.jwks,
    cookies: {
      keys: options.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'ES256',
    },
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    ttl: { ...LIFETIMES },
    conformIdTokenClaims: true,
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      dPoP: { enabled: true },
      // As the platform's: one resource server, never the default for a sign-in without `resource`.
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => (oneOf ? oneOf[0] : undefined) as string,
        useGrantedResource: () => true,
        getResourceServerInfo: () => {
          throw new Error('the bare provider serves no resource server');
        },
      },
      rpInitiatedLogout: { enabled: true },
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = true;
  return provider;
};
