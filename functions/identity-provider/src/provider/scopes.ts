/**
 * Scopes the provider knows and the claims each releases. Personal identifiers are released only through their own
 * scope, which a portal must be registered for.
 */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: ['name', 'platform_subject_kind', 'platform_assurance_level'],
} as const;

/** Scopes for the payments API (resource server), granted to departments through client credentials. */
export const PAYMENTS_SCOPES = [
  'payments:notices:read',
  'payments:notices:write',
  'payments:refunds:write',
  'payments:refunds:approve',
] as const;

export const OIDC_SCOPES = ['openid', 'offline_access', ...Object.keys(CLAIMS_BY_SCOPE).filter((s) => s !== 'openid')];
