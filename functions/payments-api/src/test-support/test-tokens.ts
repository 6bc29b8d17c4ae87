import { createHash } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

export const ISSUER = 'https://id.test.example';
export const AUDIENCE = 'https://pay.test.example';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A stand-in identity provider: an ES256 key, its published set, and tokens shaped as oidc-provider issues them. */
export const createTestTokenIssuer = async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  const sign = (
    claims: JWTPayload = {},
    options: { key?: PrivateKey; kid?: string; typ?: string; expiresIn?: number } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 600;
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp: typeof expiresIn === 'number' ? now + expiresIn : undefined,
      jti: crypto.randomUUID(),
      client_id: 'bj-public-security',
      scope: 'payments:notices:read payments:notices:write',
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'key-1', typ: options.typ ?? 'at+jwt' })
      .sign(options.key ?? privateKey);
  };
  return { keys, sign };
};

/** A client's DPoP key and proofs for it (RFC 9449 §4.2), every claim overridable to make bad ones. */
export const createTestDpopKey = async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const thumbprint = await calculateJwkThumbprint(jwk);
  const proof = (
    request: { method: string; url: string; accessToken: string },
    overrides: Record<string, unknown> = {},
    header: { jwk?: JWK; typ?: string; key?: PrivateKey } = {},
  ) =>
    new SignJWT({
      htm: request.method,
      htu: request.url,
      ath: createHash('sha256').update(request.accessToken).digest('base64url'),
      jti: crypto.randomUUID(),
      iat: Math.floor(Date.now() / 1000),
      ...overrides,
    })
      .setProtectedHeader({ alg: 'ES256', typ: header.typ ?? 'dpop+jwt', jwk: header.jwk ?? jwk })
      .sign(header.key ?? privateKey);
  return { thumbprint, proof, privateKey };
};

/** Flips one character of a JWT's signature: same header and payload, no longer authentic. */
export const tampered = (token: string): string => {
  const [header, payload] = token.split('.');
  const untouched = token.split('.')[2] as string;
  const flipped = `${untouched[0] === 'A' ? 'B' : 'A'}${untouched.slice(1)}`;
  return `${header}.${payload}.${flipped}`;
};

/** Changes a claim without re-signing. */
export const withForgedClaims = (token: string, claims: Record<string, unknown>): string => {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return `${header}.${Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url')}.${signature}`;
};
