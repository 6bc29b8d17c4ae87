import { importJWK, type JWK } from 'jose';
import type { PublicJwks } from './portal.ts';
import { RegistrationError } from './registration-error.ts';

/** JWK members that only a private or secret key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const MAX_KEYS = 10;
const MIN_RSA_BITS = 2048;

/** The algorithm a key is imported with when it names none: only to prove the key material is sound. */
const importAlgorithm = (key: Record<string, unknown>): string | undefined => {
  if (typeof key.alg === 'string') return key.alg;
  if (key.kty === 'RSA') return 'RS256';
  if (key.kty === 'EC') return { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[String(key.crv)];
  if (key.kty === 'OKP') return { Ed25519: 'Ed25519', X25519: 'ECDH-ES' }[String(key.crv)];
  return undefined;
};

const checkKey = async (key: unknown, field: string, kids: Set<string>): Promise<void> => {
  if (typeof key !== 'object' || key === null || Array.isArray(key))
    throw new RegistrationError('invalid_jwks', 'must be a JSON Web Key object', field);
  const jwk = key as Record<string, unknown>;
  const secret = PRIVATE_MEMBERS.find((member) => member in jwk);
  if (secret)
    throw new RegistrationError(
      'private_key_in_jwks',
      `contains the private member "${secret}"; register only the public key (remove d, p, q, dp, dq, qi, oth, k)`,
      field,
    );
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC' && jwk.kty !== 'OKP')
    throw new RegistrationError('invalid_jwks', 'kty must be RSA, EC or OKP', field);
  if (jwk.use !== undefined && jwk.use !== 'sig' && jwk.use !== 'enc')
    throw new RegistrationError('invalid_jwks', 'use must be "sig" or "enc"', field);
  if (jwk.kid !== undefined) {
    if (typeof jwk.kid !== 'string' || jwk.kid.length === 0)
      throw new RegistrationError('invalid_jwks', 'kid must be a non-empty string', field);
    if (kids.has(jwk.kid)) throw new RegistrationError('invalid_jwks', `kid "${jwk.kid}" is used twice`, field);
    kids.add(jwk.kid);
  }
  const alg = importAlgorithm(jwk);
  if (!alg) throw new RegistrationError('invalid_jwks', `unsupported curve ${String(jwk.crv)}`, field);
  let imported: Awaited<ReturnType<typeof importJWK>>;
  try {
    imported = await importJWK(jwk as JWK, alg);
  } catch (error) {
    throw new RegistrationError(
      'invalid_jwks',
      `is not a usable ${String(jwk.kty)} key: ${(error as Error).message}`,
      field,
    );
  }
  const { modulusLength } = (imported as { algorithm?: { modulusLength?: number } }).algorithm ?? {};
  if (jwk.kty === 'RSA' && (modulusLength ?? 0) < MIN_RSA_BITS)
    throw new RegistrationError('invalid_jwks', `RSA keys must have at least ${MIN_RSA_BITS} bits`, field);
};

/**
 * Checks a client's inline JWKS: 1 to 10 public RSA, EC or OKP keys whose material imports cleanly, unique `kid`s,
 * and no private member anywhere (a client that sends its private key has leaked it; refuse it, say so).
 */
export const checkJwks = async (value: unknown, field = 'jwks'): Promise<PublicJwks> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RegistrationError('invalid_jwks', 'must be a JWKS object: { "keys": [ ... ] }', field);
  const { keys } = value as { keys?: unknown };
  if (!Array.isArray(keys) || keys.length === 0)
    throw new RegistrationError('invalid_jwks', 'keys must be a non-empty array', `${field}.keys`);
  if (keys.length > MAX_KEYS) throw new RegistrationError('invalid_jwks', `at most ${MAX_KEYS} keys`, `${field}.keys`);
  const kids = new Set<string>();
  for (const [index, key] of keys.entries()) await checkKey(key, `${field}.keys[${index}]`, kids);
  return { keys: keys as PublicJwks['keys'] };
};
