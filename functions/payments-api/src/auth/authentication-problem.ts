import { Problem } from '@platform/http';

/** How the caller presented its token: as a bearer token or bound to a DPoP key (RFC 9449). */
export type TokenScheme = 'Bearer' | 'DPoP';

/** Algorithms accepted for DPoP proofs, announced in the `DPoP` challenge. */
export const DPOP_ALGORITHMS = ['ES256', 'ES384', 'EdDSA', 'Ed25519', 'PS256', 'RS256'] as const;

const REALM = 'payments';

/**
 * A refusal of the caller's credentials. It carries the `WWW-Authenticate` challenge (RFC 6750 §3, RFC 9449 §7.1)
 * that the router adds to the problem response: clients and their libraries branch on its `error` attribute.
 */
export class AuthenticationProblem extends Problem {
  readonly challenge: string;

  constructor(status: 401 | 403, code: string, title: string, detail: string, challenge: string) {
    super({ status, code, title, detail });
    this.name = 'AuthenticationProblem';
    this.challenge = challenge;
  }
}

/** Details are fixed sentences of this module: never user input, so they need no quoting beyond the quotes. */
const challengeOf = (scheme: TokenScheme, attributes: Record<string, string>): string => {
  const all = { realm: REALM, ...attributes, ...(scheme === 'DPoP' ? { algs: DPOP_ALGORITHMS.join(' ') } : {}) };
  return `${scheme} ${Object.entries(all)
    .map(([name, value]) => `${name}="${value.replaceAll(/["\\]/g, "'")}"`)
    .join(', ')}`;
};

/** No credentials at all: a challenge without an error code (RFC 6750 §3.1), the problem still `invalid_token`. */
export const missingToken = (): AuthenticationProblem =>
  new AuthenticationProblem(
    401,
    'invalid_token',
    'Authentication required',
    'Send an access token of the identity provider: "Authorization: Bearer <token>" (or "DPoP <token>").',
    challengeOf('Bearer', {}),
  );

export const invalidToken = (detail: string, scheme: TokenScheme = 'Bearer'): AuthenticationProblem =>
  new AuthenticationProblem(
    401,
    'invalid_token',
    'The access token is not valid',
    detail,
    challengeOf(scheme, { error: 'invalid_token', error_description: detail }),
  );

export const invalidDpopProof = (detail: string): AuthenticationProblem =>
  new AuthenticationProblem(
    401,
    'invalid_dpop_proof',
    'The DPoP proof is not valid',
    detail,
    challengeOf('DPoP', { error: 'invalid_dpop_proof', error_description: detail }),
  );

export const insufficientScope = (scope: string, scheme: TokenScheme): AuthenticationProblem =>
  new AuthenticationProblem(
    403,
    'insufficient_scope',
    'The access token lacks a scope',
    `This request needs the scope ${scope}; ask the identity provider for a token that includes it.`,
    challengeOf(scheme, { error: 'insufficient_scope', scope }),
  );
