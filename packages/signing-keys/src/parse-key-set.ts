import type { JWK } from 'jose';
import { KeySetInvalidError } from './errors.ts';
import { type CookieKey, type KeySet, SIGNING_ALGORITHMS, type SigningKey, type SigningKeyState } from './key-set.ts';

/**
 * Checks a document read from a store before anything signs with it: a truncated or hand-edited key set must
 * fail loudly at load, not as a confusing oidc-provider error (or a missing key) at the first sign-in.
 */
export const parseKeySet = (input: unknown): KeySet => {
  if (!isObject(input) || input.version !== 1) fail('expected a key set document with "version": 1');
  if (!Array.isArray(input.keys) || !Array.isArray(input.cookieKeys)) fail('"keys" and "cookieKeys" must be arrays');
  const set: KeySet = {
    version: 1,
    keys: input.keys.map((key, index) => parseSigningKey(key, index)),
    cookieKeys: input.cookieKeys.map((key, index) => parseCookieKey(key, index)),
  };
  assertKeySetInvariants(set);
  return set;
};

/** One `current` and one `next` key per algorithm, unique kids, at least one cookie key. */
export const assertKeySetInvariants = (set: KeySet): void => {
  for (const alg of SIGNING_ALGORITHMS) {
    for (const state of ['current', 'next'] as const) {
      const count = set.keys.filter((key) => key.alg === alg && key.state === state).length;
      if (count !== 1) fail(`expected exactly one ${state} ${alg} key, found ${count}`);
    }
  }
  if (new Set(set.keys.map((key) => key.kid)).size !== set.keys.length) fail('duplicate kid');
  if (set.cookieKeys.length === 0) fail('no cookie key');
};

const STATES: readonly SigningKeyState[] = ['next', 'current', 'retired'];
const PRIVATE_MEMBERS = { EC: ['crv', 'x', 'y', 'd'], RSA: ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] } as const;

const parseSigningKey = (input: unknown, index: number): SigningKey => {
  const at = `keys[${index}]`;
  if (!isObject(input)) fail(`${at} is not an object`);
  const { kid, alg, state, createdAt, activatedAt, retiredAt, privateJwk } = input;
  if (typeof kid !== 'string' || kid === '') fail(`${at}.kid must be a non-empty string`);
  if (!SIGNING_ALGORITHMS.includes(alg as never)) fail(`${at}.alg must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
  if (!STATES.includes(state as never)) fail(`${at}.state must be one of ${STATES.join(', ')}`);
  const key = {
    kid,
    alg: alg as SigningKey['alg'],
    state: state as SigningKeyState,
    createdAt: parseInstant(createdAt, `${at}.createdAt`),
    ...(activatedAt !== undefined && { activatedAt: parseInstant(activatedAt, `${at}.activatedAt`) }),
    ...(retiredAt !== undefined && { retiredAt: parseInstant(retiredAt, `${at}.retiredAt`) }),
    privateJwk: parsePrivateJwk(privateJwk, alg === 'ES256' ? 'EC' : 'RSA', `${at}.privateJwk`),
  };
  if (key.state === 'retired' && key.retiredAt === undefined) fail(`${at} is retired without retiredAt`);
  return key;
};

const parsePrivateJwk = (input: unknown, kty: keyof typeof PRIVATE_MEMBERS, at: string): JWK => {
  if (!isObject(input) || input.kty !== kty) fail(`${at} must be a ${kty} JWK`);
  if (kty === 'EC' && input.crv !== 'P-256') fail(`${at}.crv must be P-256`);
  for (const member of PRIVATE_MEMBERS[kty]) {
    if (typeof input[member] !== 'string' || input[member] === '') fail(`${at}.${member} is missing`);
  }
  return input as JWK;
};

const parseCookieKey = (input: unknown, index: number): CookieKey => {
  const at = `cookieKeys[${index}]`;
  if (!isObject(input) || typeof input.value !== 'string') fail(`${at}.value must be a string`);
  if (Buffer.from(input.value, 'base64url').length !== 32) fail(`${at}.value must be 32 bytes, base64url`);
  return { value: input.value, createdAt: parseInstant(input.createdAt, `${at}.createdAt`) };
};

const parseInstant = (input: unknown, at: string): string => {
  if (typeof input !== 'string' || Number.isNaN(Date.parse(input))) fail(`${at} must be an ISO 8601 instant`);
  return input;
};

const isObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

// A declaration (not an arrow) so that TypeScript narrows after `if (…) fail(…)`.
function fail(message: string): never {
  throw new KeySetInvalidError(`invalid key set: ${message}`);
}
