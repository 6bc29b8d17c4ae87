import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { COOKIE_KEY_BYTES } from './cookie-sealer.ts';
import { WebSignInConfigurationError } from './errors.ts';

/**
 * The two secrets of a page function that signs people in: the private key of its `private_key_jwt` client
 * authentication (the public half is in its registration at the provider) and the key that seals its cookies.
 */
export interface WebSignInKeys {
  /** ES256 private JWK with `kid` (the registered public key's id). */
  readonly clientPrivateJwk: JWK;
  /** 32 bytes. */
  readonly cookieKey: Uint8Array;
}

/**
 * Reads the keys from their JSON form `{ "clientPrivateJwk": {…}, "cookieKey": "<32 bytes base64url>" }` — the shape
 * of the local key file (written by the local runtime, mode 0600) and of the deployed secret alike.
 */
export const parseWebSignInKeys = (json: string, source: string): WebSignInKeys => {
  let value: { clientPrivateJwk?: unknown; cookieKey?: unknown };
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new WebSignInConfigurationError(`${source} is not JSON`, { cause: error });
  }
  const jwk = value.clientPrivateJwk as JWK | undefined;
  if (!jwk || typeof jwk !== 'object' || jwk.kty !== 'EC' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') {
    throw new WebSignInConfigurationError(`${source}: "clientPrivateJwk" must be an EC private JWK with a kid`);
  }
  const cookieKey = typeof value.cookieKey === 'string' ? Buffer.from(value.cookieKey, 'base64url') : undefined;
  if (!cookieKey || cookieKey.length !== COOKIE_KEY_BYTES) {
    throw new WebSignInConfigurationError(`${source}: "cookieKey" must be ${COOKIE_KEY_BYTES} bytes, base64url`);
  }
  return { clientPrivateJwk: jwk, cookieKey: new Uint8Array(cookieKey) };
};

export const loadWebSignInKeysFile = async (path: string): Promise<WebSignInKeys> => {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (error) {
    throw new WebSignInConfigurationError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseWebSignInKeys(json, path);
};
