import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { WebSignInConfigurationError } from './errors.ts';

/** 256-bit key: `dir` + `A256GCM` encrypts and authenticates with it directly. */
export const COOKIE_KEY_BYTES = 32;

/**
 * Cookie values as compact JWE (`dir`, `A256GCM`): the browser holds them but can neither read nor change them. Each
 * value names its purpose (`pur`), so a sign-in cookie can never be replayed as a session cookie, and carries its own
 * expiry (`exp`), checked here and not left to the browser's `Max-Age`. The key is the page function's own secret.
 */
export class CookieSealer {
  readonly #key: Uint8Array;
  readonly #now: () => Date;

  constructor(key: Uint8Array, now: () => Date = () => new Date()) {
    if (!(key instanceof Uint8Array) || key.length !== COOKIE_KEY_BYTES) {
      throw new WebSignInConfigurationError(`the cookie key must be ${COOKIE_KEY_BYTES} bytes`);
    }
    this.#key = key;
    this.#now = now;
  }

  /** Seals `payload` for `purpose`, valid for `ttlSeconds` from now. */
  async seal(purpose: string, payload: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.#now().getTime() / 1000);
    return new EncryptJWT({ ...payload, pur: purpose })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .encrypt(this.#key);
  }

  /** The payload, or undefined if the value is not ours, was altered, is for another purpose, or has expired. */
  async open(purpose: string, value: string | undefined): Promise<Record<string, unknown> | undefined> {
    if (!value) return undefined;
    try {
      const { payload } = await jwtDecrypt(value, this.#key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
        currentDate: this.#now(),
        requiredClaims: ['exp', 'pur'],
      });
      return payload.pur === purpose ? (payload as Record<string, unknown>) : undefined;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
  }
}
