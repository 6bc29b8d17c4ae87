/**
 * Token and session lifetimes, in seconds. Short-lived bearer credentials, a working-day session.
 * - Authorization codes are exchanged at once by a server; 60 s is ample and keeps replay windows small.
 * - Access tokens: 10 minutes, so a revoked grant stops working quickly even where resource servers do not
 *   introspect.
 * - ID tokens: 1 hour (they are proofs of a sign-in event, not credentials).
 * - Refresh tokens: 8 hours, rotated on every use; a portal that needs longer re-authenticates silently.
 * - Sessions: 8 hours (one working day of single sign-on), interactions 30 minutes.
 * - Client-credentials tokens for departments: 10 minutes.
 */
export const LIFETIMES = {
  AuthorizationCode: 60,
  AccessToken: 600,
  ClientCredentials: 600,
  IdToken: 3_600,
  RefreshToken: 8 * 3_600,
  Session: 8 * 3_600,
  Grant: 8 * 3_600,
  Interaction: 30 * 60,
} as const;

/** The longest time a signed token stays valid: a retired signing key must stay published at least this long. */
export const LONGEST_SIGNED_TOKEN_LIFETIME = Math.max(LIFETIMES.IdToken, LIFETIMES.AccessToken);
