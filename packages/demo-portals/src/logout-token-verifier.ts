import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ExpiringMap } from './expiring-map.ts';
import { ID_TOKEN_SIGNING_ALG } from './portal-options.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** A logout token this portal will not act on; `reason` is for the log only (the answer is always `invalid_request`). */
export class InvalidLogoutTokenError extends Error {
  override readonly name = 'InvalidLogoutTokenError';
}

/** Whose sessions a valid logout token ends. At least one of the two is present. */
export interface LogoutTarget {
  readonly sid?: string;
  readonly sub?: string;
}

export interface LogoutTokenVerifierOptions {
  readonly clientId: string;
  readonly now?: () => number;
}

/** How old a logout token may be; its jti is remembered at least this long, so a replay is always caught. */
const MAX_TOKEN_AGE_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_REMEMBERED_JTIS = 10_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (payload: Record<string, unknown>, claim: string): string | undefined => {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new InvalidLogoutTokenError(`${claim} is not a string`);
  return value;
};

/**
 * Validates a logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks: signature by the provider's keys,
 * `iss`, `aud`, a recent `iat`, the logout event, no `nonce`, a `sid` or `sub`, and a `jti` not seen before.
 */
export class LogoutTokenVerifier {
  readonly #clientId: string;
  readonly #now: () => number;
  readonly #seenJtis: ExpiringMap<true>;

  constructor(options: LogoutTokenVerifierOptions) {
    this.#clientId = options.clientId;
    this.#now = options.now ?? Date.now;
    this.#seenJtis = new ExpiringMap({ maxEntries: MAX_REMEMBERED_JTIS, now: this.#now });
  }

  async verify(token: string, provider: { readonly jwks: JWTVerifyGetKey; readonly issuer: string }) {
    const { payload, protectedHeader } = await jwtVerify(token, provider.jwks, {
      issuer: provider.issuer,
      audience: this.#clientId,
      algorithms: [ID_TOKEN_SIGNING_ALG],
      requiredClaims: ['iat', 'jti', 'events'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(this.#now()),
    }).catch((error: unknown) => {
      throw new InvalidLogoutTokenError(error instanceof errors.JOSEError ? error.code : 'unverifiable token', {
        cause: error,
      });
    });
    const typ = protectedHeader.typ?.toLowerCase();
    if (typ !== undefined && typ !== 'logout+jwt' && typ !== 'application/logout+jwt')
      throw new InvalidLogoutTokenError(`typ "${protectedHeader.typ}" is not logout+jwt`);
    const { events } = payload as Record<string, unknown>;
    if (!isObject(events) || !isObject(events[BACKCHANNEL_LOGOUT_EVENT]))
      throw new InvalidLogoutTokenError('events has no back-channel logout event');
    if ('nonce' in payload) throw new InvalidLogoutTokenError('a logout token must not have a nonce');
    const sid = optionalString(payload, 'sid');
    const sub = optionalString(payload, 'sub');
    if (sid === undefined && sub === undefined) throw new InvalidLogoutTokenError('neither sid nor sub');
    const jti = optionalString(payload, 'jti') ?? '';
    // Remembered only after the signature is verified, so forged tokens cannot fill the memory.
    if (this.#seenJtis.has(jti)) throw new InvalidLogoutTokenError('jti already used (replay)');
    this.#seenJtis.set(jti, true, (MAX_TOKEN_AGE_SECONDS + 2 * CLOCK_TOLERANCE_SECONDS) * 1000);
    return { ...(sid !== undefined ? { sid } : {}), ...(sub !== undefined ? { sub } : {}) } satisfies LogoutTarget;
  }
}
