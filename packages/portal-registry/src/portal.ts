import type { KnownScope, PaymentsScope } from './known-scopes.ts';

/** Display name in both languages of the platform; `zh-CN` is the one the provider shows by default. */
export interface LocalizedName {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type TokenEndpointAuthMethod = 'private_key_jwt' | 'client_secret_basic';
export type SubjectType = 'public' | 'pairwise';
export type IdTokenSigningAlg = 'ES256' | 'RS256';
export type ClientKind = 'portal' | 'department';

/** A public JSON Web Key Set as a client publishes it (only public members are ever accepted). */
export interface PublicJwks {
  readonly keys: readonly Readonly<Record<string, unknown>>[];
}

/**
 * How a client authenticates at the token endpoint. `private_key_jwt` (the default) with the client's own keys,
 * given inline (`jwks`) or by URL (`jwksUri`); `client_secret_basic` only by exception, with the reason recorded.
 */
interface ClientAuthentication {
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  readonly jwks?: PublicJwks;
  readonly jwksUri?: string;
  /** Why this client may not use `private_key_jwt`; required with `client_secret_basic`, refused otherwise. */
  readonly exceptionReason?: string;
}

/** A relying party: signs its users in through the provider (authorization code flow). */
export interface PortalClientRegistration extends ClientAuthentication {
  readonly kind: 'portal';
  readonly clientId: string;
  readonly name: LocalizedName;
  /** First-party portals are run by the platform's own government; their users are not asked for consent. */
  readonly firstParty: boolean;
  /** Exact strings: the provider compares a request's `redirect_uri` to them character for character. */
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly backchannelLogoutUri?: string;
  readonly subjectType: SubjectType;
  /** For pairwise portals: the host every redirect URI shares, from which pairwise `sub` values are derived. */
  readonly sectorIdentifier?: string;
  readonly allowedScopes: readonly KnownScope[];
  readonly idTokenSignedResponseAlg: IdTokenSigningAlg;
}

/** A collecting department: calls the payments API with its own token (client credentials, no user). */
export interface DepartmentClientRegistration extends ClientAuthentication {
  readonly kind: 'department';
  readonly clientId: string;
  readonly name: LocalizedName;
  /** `<6-digit administrative division code>-<department code>`, e.g. `330100-SCJGJ`. */
  readonly departmentCode: string;
  readonly allowedScopes: readonly PaymentsScope[];
}

/** A validated registration: what an operator asks for, with every default filled in. */
export type PortalRegistration = PortalClientRegistration | DepartmentClientRegistration;

export type PortalStatus = 'active' | 'disabled';

/** A registration as the registry holds it. The client secret, when there is one, is never part of this view. */
export interface RegisteredPortal {
  readonly registration: PortalRegistration;
  readonly status: PortalStatus;
  /** Starts at 1 and grows by one with every change; updates may be made conditional on it. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly updatedBy: string;
  /** When the current client secret was issued (only for `client_secret_basic`). */
  readonly clientSecretIssuedAt?: string;
}

export type ChangeAction = 'register' | 'update' | 'disable' | 'enable';

/** One entry of a client's append-only change log. Secrets never appear in it. */
export interface PortalChange {
  readonly clientId: string;
  readonly action: ChangeAction;
  readonly version: number;
  readonly at: string;
  readonly by: string;
  /** Per top-level field, the value before and after (absent `from`: newly set; absent `to`: removed). */
  readonly changes: Readonly<Record<string, { readonly from?: unknown; readonly to?: unknown }>>;
}
