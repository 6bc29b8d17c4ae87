import type { JWK } from 'jose';
import type { KeySet, SigningKey, SigningKeyState } from './key-set.ts';

export interface PrivateJwks {
  readonly keys: readonly JWK[];
}
export interface PublicJwks {
  readonly keys: readonly JWK[];
}

/**
 * The private JWKS for oidc-provider's `jwks` option: every key is published at `/jwks`, and the first key of an
 * algorithm is the one that signs. Evidence (oidc-provider 9.13, node_modules/oidc-provider/lib):
 * - helpers/initialize_keystore.js adds `jwks.keys` to the KeyStore in array order and publishes all of them
 *   (public parts) as `/jwks`;
 * - helpers/keystore.js `selectForSign` is `this.#keys.filter(matches).sort(by keyscore)`: filter keeps array
 *   order, Array.prototype.sort is stable, and keyscore only counts whether `alg` and `use` are present;
 * - models/id_token.js (ID and logout tokens) and models/formats/jwt.js (JWT access tokens) take
 *   `[key] = keystore.selectForSign({ alg, use: 'sig' })`, the first match.
 * So with `alg` and `use` on every key (equal scores), the current key must come first for its algorithm.
 * Proven end to end in provider-jwks.test.ts.
 */
export const providerJwks = (set: KeySet): PrivateJwks => ({
  keys: inSigningOrder(set).map((key) => ({ ...key.privateJwk, kid: key.kid, alg: key.alg, use: 'sig' })),
});

/** The JWKS a verifier sees; only public members are copied (an allow-list, so no private member can leak). */
export const publicJwks = (set: KeySet): PublicJwks => ({
  keys: inSigningOrder(set).map((key) => ({
    ...publicMembers(key.privateJwk),
    kid: key.kid,
    alg: key.alg,
    use: 'sig',
  })),
});

/** Cookie signing keys, newest first: oidc-provider (Keygrip) signs with the first and accepts any. */
export const cookieKeys = (set: KeySet): string[] => set.cookieKeys.map((key) => key.value);

const STATE_ORDER: Record<SigningKeyState, number> = { current: 0, next: 1, retired: 2 };

const inSigningOrder = (set: KeySet): SigningKey[] =>
  set.keys.toSorted(
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (b.retiredAt ?? '').localeCompare(a.retiredAt ?? ''),
  );

const publicMembers = (jwk: JWK): JWK =>
  jwk.kty === 'EC' ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } : { kty: jwk.kty, n: jwk.n, e: jwk.e };
