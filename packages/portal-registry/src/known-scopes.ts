/**
 * Every scope a portal or department may be registered for. The identity provider must offer exactly these
 * (`scopes` in its configuration): oidc-provider refuses a client whose `scope` metadata names one it does not know.
 */
export const PAYMENTS_SCOPES = [
  'payments:notices:read',
  'payments:notices:write',
  'payments:refunds:write',
  'payments:refunds:approve',
  'payments:webhooks',
] as const;

export const KNOWN_SCOPES = [
  'openid',
  'profile',
  'phone',
  'email',
  'offline_access',
  'realname',
  'idcard',
  'enterprise',
  'operator',
  ...PAYMENTS_SCOPES,
] as const;

export type KnownScope = (typeof KNOWN_SCOPES)[number];
export type PaymentsScope = (typeof PAYMENTS_SCOPES)[number];

const known: ReadonlySet<string> = new Set(KNOWN_SCOPES);
const payments: ReadonlySet<string> = new Set(PAYMENTS_SCOPES);

export const isKnownScope = (scope: string): scope is KnownScope => known.has(scope);
export const isPaymentsScope = (scope: string): scope is PaymentsScope => payments.has(scope);
