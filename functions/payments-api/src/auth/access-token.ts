import { serviceUnavailable } from '@platform/http';
import { type errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { invalidToken, type TokenScheme } from './authentication-problem.ts';

/** What the API reads from a verified access token. */
export interface AccessToken {
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
  /** `cnf.jkt`: the thumbprint of the DPoP key the token is bound to, if it is bound. */
  readonly dpopThumbprint?: string;
}

export interface AccessTokenVerifierOptions {
  /** The identity provider's issuer identifier (`IDENTITY_URL`). */
  readonly issuer: string;
  /** This API's resource indicator (`PAYMENTS_URL`): tokens for any other audience are refused. */
  readonly audience: string;
  /** The provider's published keys: `createRemoteJWKSet(new URL(`${issuer}/jwks`))`, built once per instance. */
  readonly keys: JWTVerifyGetKey;
  readonly clockToleranceSeconds?: number;
  /** Injectable clock for tests. */
  readonly now?: () => Date;
}

export type AccessTokenVerifier = (token: string, scheme: TokenScheme) => Promise<AccessToken>;

/** Client ids of the registry (3–63 of a-z, 0-9, -): always valid department ids of the notices package. */
const DEPARTMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Failures that are the token's fault (401). Anything else — the key set unreachable or broken — is ours (503). */
const TOKEN_FAULTS: Readonly<Record<string, string>> = {
  ERR_JWT_EXPIRED: 'The access token has expired.',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'The access token was not issued for this API by the identity provider.',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'The signature of the access token does not verify.',
  ERR_JWKS_NO_MATCHING_KEY: 'The access token is signed with a key the identity provider does not publish.',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'The access token does not name its signing key.',
  ERR_JOSE_ALG_NOT_ALLOWED: 'The access token is not signed with ES256.',
  ERR_JOSE_NOT_SUPPORTED: 'The access token uses an unsupported algorithm.',
  ERR_JWS_INVALID: 'The access token is not a well-formed JWS.',
  ERR_JWT_INVALID: 'The access token is not a well-formed JWT access token.',
  ERR_JWK_INVALID: 'The access token names an unusable key.',
};

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error as errors.JOSEError).code) : undefined;

/**
 * Verifies a JWT access token of the identity provider (RFC 9068) offline: ES256 signature by a published key,
 * `typ` `at+jwt`, `iss`, `aud` = this API, `exp`/`iat` (with a small clock tolerance), and a `client_id`.
 */
export const createAccessTokenVerifier = (options: AccessTokenVerifierOptions): AccessTokenVerifier => {
  if (!options.issuer || !options.audience) throw new TypeError('createAccessTokenVerifier: issuer and audience');
  if (typeof options.keys !== 'function') throw new TypeError('createAccessTokenVerifier: keys must be a key set');
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  return async (token, scheme) => {
    if (!COMPACT_JWS.test(token)) throw invalidToken('The access token is not a JWT.', scheme);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        requiredClaims: ['exp', 'iat', 'client_id'],
        clockTolerance,
        ...(options.now ? { currentDate: options.now() } : {}),
      }));
    } catch (error) {
      const code = codeOf(error);
      const claim = (error as Partial<errors.JWTClaimValidationFailed>).claim;
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim) {
        throw invalidToken(`The access token's "${claim}" is not one this API accepts.`, scheme);
      }
      const fault = TOKEN_FAULTS[code ?? ''];
      if (fault) throw invalidToken(fault, scheme);
      throw serviceUnavailable(
        'token_keys_unavailable',
        "The identity provider's signing keys could not be fetched; retry shortly.",
      );
    }
    const clientId = payload.client_id;
    if (typeof clientId !== 'string' || !DEPARTMENT_ID.test(clientId)) {
      throw invalidToken('The access token does not name a department client.', scheme);
    }
    const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []);
    const cnf = payload.cnf;
    const jkt = typeof cnf === 'object' && cnf !== null ? (cnf as { jkt?: unknown }).jkt : undefined;
    if (cnf !== undefined && typeof jkt !== 'string') {
      throw invalidToken('The access token is bound to a key this API can not check.', scheme);
    }
    return { clientId, scopes, ...(typeof jkt === 'string' ? { dpopThumbprint: jkt } : {}) };
  };
};
