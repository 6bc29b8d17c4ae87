import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, type JWK, jwtVerify } from 'jose';
import { DPOP_ALGORITHMS, invalidDpopProof } from './authentication-problem.ts';
import type { DpopProofReplayGuard } from './dpop-proof-replay.ts';

export interface DpopProofRequest {
  /** The `DPoP` header as received; several headers arrive comma-joined, which no compact JWS contains. */
  readonly proof: string | undefined;
  readonly method: string;
  /** The URL the client called, as the API's public URL plus the path: what `htu` must name. */
  readonly url: string;
  readonly accessToken: string;
  /** The token's `cnf.jkt`. */
  readonly thumbprint: string;
}

export interface DpopProofVerifierOptions {
  readonly replay: DpopProofReplayGuard;
  /** How old a proof may be (its `iat`); default 300 s. */
  readonly maxAgeSeconds?: number;
  /** How far in the future `iat` may lie, for clock skew; default 30 s. */
  readonly futureSkewSeconds?: number;
  readonly now?: () => number;
}

export type DpopProofVerifier = (request: DpopProofRequest) => Promise<void>;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** `htu` compares without query and fragment (RFC 9449 §4.3), after URL normalisation. */
const withoutQuery = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
};

const sha256 = (text: string) => createHash('sha256').update(text, 'ascii').digest('base64url');

/**
 * Checks a DPoP proof as RFC 9449 §4.3 and §7.1 ask of a resource server: one well-formed `dpop+jwt`, signed with
 * an asymmetric algorithm by the public key in its header; `htm` and `htu` naming this request; `iat` recent;
 * `ath` the hash of the access token presented; the key's thumbprint the one the token is bound to; `jti` never
 * seen before. No server nonce is required.
 */
export const createDpopProofVerifier = (options: DpopProofVerifierOptions): DpopProofVerifier => {
  const maxAge = options.maxAgeSeconds ?? 300;
  const skew = options.futureSkewSeconds ?? 30;
  const now = options.now ?? Date.now;
  return async ({ proof, method, url, accessToken, thumbprint }) => {
    if (proof === undefined || proof === '') throw invalidDpopProof('A DPoP-bound token needs a DPoP proof header.');
    if (!COMPACT_JWS.test(proof)) throw invalidDpopProof('The DPoP header must hold exactly one compact JWS.');
    let payload: Record<string, unknown>;
    let jwk: JWK | undefined;
    try {
      const verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: [...DPOP_ALGORITHMS] });
      payload = verified.payload;
      jwk = verified.protectedHeader.jwk;
    } catch {
      throw invalidDpopProof('The DPoP proof is not a dpop+jwt signed by the public key in its header.');
    }
    const nowSeconds = Math.floor(now() / 1000);
    const { jti, htm, htu, iat, ath } = payload;
    if (typeof jti !== 'string' || jti.length < 1 || jti.length > 256) {
      throw invalidDpopProof('The DPoP proof needs a jti.');
    }
    if (htm !== method) throw invalidDpopProof('The DPoP proof was made for another HTTP method.');
    if (typeof htu !== 'string' || withoutQuery(htu) !== withoutQuery(url)) {
      throw invalidDpopProof('The DPoP proof was made for another URL.');
    }
    if (typeof iat !== 'number' || iat < nowSeconds - maxAge || iat > nowSeconds + skew) {
      throw invalidDpopProof('The DPoP proof is not fresh: make a new one for every request.');
    }
    if (ath !== sha256(accessToken)) throw invalidDpopProof('The DPoP proof was made for another access token.');
    if (!jwk || (await calculateJwkThumbprint(jwk)) !== thumbprint) {
      throw invalidDpopProof('The DPoP proof is signed by a key other than the one the token is bound to.');
    }
    if (!(await options.replay.firstUse(thumbprint, jti, iat + maxAge + skew))) {
      throw invalidDpopProof('This DPoP proof was used before: make a new one for every request.');
    }
  };
};
