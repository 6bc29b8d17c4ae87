import * as oidc from 'openid-client';
import type { TestPortal } from './test-clients.ts';
import { signInByPhone, type UserAgent } from './user-agent.ts';

export interface AuthorizationRequest {
  readonly url: URL;
  /** Exchanges the code in `callback` with the PKCE verifier, state and nonce of this request. */
  redeem(callback: URL): ReturnType<typeof oidc.authorizationCodeGrant>;
}

/** An authorization request as a portal makes it: PKCE S256, state, nonce; `openid` unless told otherwise. */
export const startAuthorization = async (
  config: oidc.Configuration,
  portal: TestPortal,
  parameters: Record<string, string> = {},
): Promise<AuthorizationRequest> => {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: portal.redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...parameters,
  });
  return {
    url,
    redeem: (callback) =>
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      }),
  };
};

/** Signs a person in at a portal by phone and SMS code, and redeems the code as the portal would. */
export const signInAtPortal = async (
  agent: UserAgent,
  issuer: string,
  config: oidc.Configuration,
  portal: TestPortal,
  phone: string,
  parameters: Record<string, string> = {},
) => {
  const request = await startAuthorization(config, portal, parameters);
  const callback = await signInByPhone(agent, request.url, issuer, phone, portal.redirectUri);
  return { tokens: await request.redeem(callback), callback, request };
};
