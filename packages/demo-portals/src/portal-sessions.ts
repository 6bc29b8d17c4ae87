import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ExpiringMap } from './expiring-map.ts';

/** Claims as the provider gave them (ID token or UserInfo). */
export type Claims = Readonly<Record<string, unknown>>;

/** The portal's own session, started when the provider has signed the user in. */
export interface PortalSession {
  readonly id: string;
  /** Bound to the session and put in its forms: a cross-site page cannot know it. */
  readonly csrfToken: string;
  readonly sub: string;
  /** The provider's session id for this portal (`sid` claim): what a back-channel logout names. */
  readonly sid: string | undefined;
  /** Sent back to the provider as `id_token_hint` when the user signs out. */
  readonly idToken: string;
  readonly idTokenClaims: Claims;
  readonly userinfo: Claims | undefined;
}

export type NewPortalSession = Omit<PortalSession, 'id' | 'csrfToken'>;

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export const randomId = (): string => randomBytes(32).toString('base64url');

export class PortalSessions {
  readonly #sessions: ExpiringMap<PortalSession>;

  constructor(options: { now?: () => number } = {}) {
    this.#sessions = new ExpiringMap({ maxEntries: MAX_SESSIONS, ...options });
  }

  /** Always a new id, whatever the browser had before: a session id fixed in advance is worthless. */
  start(values: NewPortalSession): PortalSession {
    const session: PortalSession = { ...values, id: randomId(), csrfToken: randomId() };
    this.#sessions.set(session.id, session, SESSION_TTL_MS);
    return session;
  }

  find(id: string | undefined): PortalSession | undefined {
    return this.#sessions.get(id);
  }

  end(id: string): boolean {
    return this.#sessions.delete(id);
  }

  /** Back-channel logout: every session of that provider session, or of that user when the token names no sid. */
  endByProviderSession(target: { readonly sid?: string; readonly sub?: string }): number {
    if (target.sid !== undefined)
      return this.#sessions.deleteWhere(
        (session) => session.sid === target.sid && (target.sub === undefined || session.sub === target.sub),
      );
    if (target.sub !== undefined) return this.#sessions.deleteWhere((session) => session.sub === target.sub);
    return 0;
  }

  static lifetimeSeconds(): number {
    return SESSION_TTL_MS / 1000;
  }
}

/** Constant-time comparison of a submitted form token with the session's. */
export const csrfTokenMatches = (session: PortalSession, submitted: string | null): boolean => {
  if (submitted === null) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
