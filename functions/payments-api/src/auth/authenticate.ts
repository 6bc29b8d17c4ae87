import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestHeader } from '../http/request-header.ts';
import type { AccessTokenVerifier } from './access-token.ts';
import { invalidToken, missingToken, type TokenScheme } from './authentication-problem.ts';
import type { Caller } from './caller.ts';
import type { DpopProofVerifier } from './dpop-proof.ts';

export type Authenticator = (event: APIGatewayProxyEventV2) => Promise<Caller>;

export interface AuthenticatorOptions {
  /** The API's public URL (`PAYMENTS_URL`), to which the request path is appended for DPoP's `htu`. */
  readonly paymentsUrl: string;
  readonly verifyAccessToken: AccessTokenVerifier;
  readonly verifyDpopProof: DpopProofVerifier;
}

/** `Bearer <token>` or `DPoP <token>` (RFC 6750 §2.1, RFC 9449 §7.1); the scheme is case-insensitive. */
const AUTHORIZATION = /^(Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The caller of a request, from its `Authorization` header: the token verified, and if it is bound to a DPoP key,
 * the proof of possession checked too. A DPoP-bound token sent as a bearer token is refused (RFC 9449 §7.2), as is
 * an unbound token sent with the DPoP scheme.
 */
export const createAuthenticator = (options: AuthenticatorOptions): Authenticator => {
  const base = options.paymentsUrl.replace(/\/+$/, '');
  return async (event) => {
    const authorization = requestHeader(event, 'authorization');
    if (authorization === undefined || authorization.trim() === '') throw missingToken();
    const match = AUTHORIZATION.exec(authorization);
    if (!match) throw invalidToken('The Authorization header must be "Bearer <token>" or "DPoP <token>".');
    const scheme: TokenScheme = match[1]?.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    const accessToken = match[2] as string;
    const token = await options.verifyAccessToken(accessToken, scheme);
    if (token.dpopThumbprint !== undefined) {
      if (scheme !== 'DPoP') {
        throw invalidToken('This access token is bound to a DPoP key: send it as "DPoP <token>" with a DPoP proof.');
      }
      await options.verifyDpopProof({
        proof: requestHeader(event, 'dpop'),
        method: event.requestContext.http.method,
        url: `${base}${event.rawPath}`,
        accessToken,
        thumbprint: token.dpopThumbprint,
      });
    } else if (scheme === 'DPoP') {
      throw invalidToken('This access token is not bound to a DPoP key: send it as "Bearer <token>".', 'DPoP');
    }
    return { departmentId: token.clientId, scopes: token.scopes, scheme };
  };
};
