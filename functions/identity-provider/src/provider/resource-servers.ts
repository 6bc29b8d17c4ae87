import type { Configuration } from 'oidc-provider';
import { LIFETIMES } from './lifetimes.ts';
import { PAYMENTS_SCOPES } from './scopes.ts';

type ResourceIndicators = NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>;

/**
 * The payments API is the one resource server: departments ask for it with `resource=<audience>` and get a JWT
 * access token (ES256, audience = the payments API) that the API verifies offline against the JWKS.
 */
export const paymentsResourceServer = (audience: string): ResourceIndicators => ({
  enabled: true,
  defaultResource: (_ctx, _client, oneOf) => (oneOf ? oneOf[0] : undefined) as string,
  useGrantedResource: () => true,
  getResourceServerInfo: (_ctx, resourceIndicator) => {
    if (resourceIndicator !== audience) {
      throw new Error(`unknown resource server ${resourceIndicator}`);
    }
    return {
      scope: PAYMENTS_SCOPES.join(' '),
      audience,
      accessTokenTTL: LIFETIMES.ClientCredentials,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    };
  },
});
