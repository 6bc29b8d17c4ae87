import { isDeepStrictEqual } from 'node:util';
import type { AdapterPayload } from 'oidc-provider';

/** At most this much (seconds) may a Session's stored expiry lag the one oidc-provider asked for. */
export const SESSION_TOUCH_MAX_LAG_SECONDS = 60;

/** How many Sessions an instance remembers the stored state of. */
const KNOWN_SESSIONS_MAX = 10_000;

interface StoredSession {
  readonly payload: AdapterPayload;
  readonly expiresAt: number | undefined;
}

const withoutExpiry = ({ exp: _exp, ...rest }: AdapterPayload): AdapterPayload => rest;

/**
 * oidc-provider saves the Session at the end of every request that reads it (a sign-in at a portal with single
 * sign-on already in place saves it unchanged), only to slide its expiry to `now + ttl`. Writing back what is
 * stored, one second later, is a round trip for nothing; this remembers what this instance last read or wrote per
 * Session so that such a touch can be left out while the stored expiry is less than
 * `min(SESSION_TOUCH_MAX_LAG_SECONDS, 1 % of the lifetime)` behind: a Session then ends at most that much earlier
 * than the sliding lifetime says, never later. Any other difference is written. A touch left out can not undo what
 * another instance did meanwhile (a sign-out, another portal's authorisation), which writing the stale copy back would.
 */
export class SessionTouches {
  readonly #known = new Map<string, StoredSession>();

  /**
   * What the table holds for Session `id`, as just read or written: the stored JSON (parsed here, so that nothing
   * oidc-provider later does to the objects it was handed can change what is remembered) and `expiresAt` (epoch s).
   */
  remember(id: string, payloadJson: string, expiresAt: number | undefined): void {
    this.#known.delete(id);
    this.#known.set(id, { payload: withoutExpiry(JSON.parse(payloadJson) as AdapterPayload), expiresAt });
    if (this.#known.size > KNOWN_SESSIONS_MAX) this.#known.delete(this.#known.keys().next().value as string);
  }

  forget(id: string): void {
    this.#known.delete(id);
  }

  /** True when writing `payload` with `expiresAt` would only move the stored expiry forward by a little. */
  isTouchOnly(id: string, payload: AdapterPayload, expiresAt: number | undefined, lifetimeSeconds: number): boolean {
    const stored = this.#known.get(id);
    if (stored?.expiresAt === undefined || expiresAt === undefined) return false;
    const lag = expiresAt - stored.expiresAt;
    const allowed = Math.min(SESSION_TOUCH_MAX_LAG_SECONDS, lifetimeSeconds / 100);
    return lag >= 0 && lag < allowed && isDeepStrictEqual(stored.payload, withoutExpiry(payload));
  }
}
