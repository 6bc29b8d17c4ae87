import type { JWK } from 'jose';

/**
 * The identity provider's key material as one JSON document, so that a single read of the store gives a
 * consistent view (signing keys and cookie keys rotate together and never half-apply).
 */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
/** ES256 is the default; RS256 exists only for portals whose libraries cannot verify ECDSA. */
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * - `next`: published in the JWKS, never signs, so verifiers have it cached before it starts signing;
 * - `current`: signs (exactly one per algorithm);
 * - `retired`: no longer signs, published until every token it signed has expired.
 */
export type SigningKeyState = 'next' | 'current' | 'retired';

export interface SigningKey {
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly state: SigningKeyState;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly activatedAt?: string;
  readonly retiredAt?: string;
  /** Private JWK without kid/alg/use: those are the record's fields, added when handed to oidc-provider. */
  readonly privateJwk: JWK;
}

export interface CookieKey {
  /** 32 random bytes, base64url. */
  readonly value: string;
  readonly createdAt: string;
}

export interface KeySet {
  /** Schema version of this document, not a revision counter. */
  readonly version: 1;
  readonly keys: readonly SigningKey[];
  /** Newest first: oidc-provider signs cookies with the first and accepts all. */
  readonly cookieKeys: readonly CookieKey[];
}

/** At most this many cookie keys are kept, so a session cookie survives two rotations. */
export const MAX_COOKIE_KEYS = 3;
