import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { ID_TOKEN_SIGNING_ALG } from './portal-options.ts';

/** A portal's public signing key as registered at the provider: only the public members, with kid, alg and use. */
export interface PublicPortalJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

/** A fresh ES256 private key for `private_key_jwt`; its `kid` is its RFC 7638 thumbprint. */
export const generatePortalKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ID_TOKEN_SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ID_TOKEN_SIGNING_ALG, use: 'sig' };
};

/** Copies only the public members: a registration must never carry `d`. */
export const publicPortalJwk = (privateJwk: JWK): PublicPortalJwk => ({
  kty: 'EC',
  crv: 'P-256',
  x: String(privateJwk.x),
  y: String(privateJwk.y),
  kid: String(privateJwk.kid),
  alg: 'ES256',
  use: 'sig',
});
