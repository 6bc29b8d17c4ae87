import { type PublicPortalJwk, publicPortalJwk } from './portal-key.ts';
import { checkDemoPortalOptions, type DemoPortalOptions, type LocalizedName } from './portal-options.ts';

/** Scopes the demo portals are registered for (they ask for `openid phone profile` by default). */
export const DEMO_PORTAL_SCOPES = ['openid', 'phone', 'profile', 'offline_access'] as const;

/**
 * A portal registration in the shape the platform's portal registry validates (`kind: 'portal'`): everything the
 * provider needs to know about the portal, and nothing secret.
 */
export interface DemoPortalRegistration {
  readonly kind: 'portal';
  readonly clientId: string;
  readonly name: LocalizedName;
  /** Run by the platform itself: its users are not asked for consent. */
  readonly firstParty: true;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly backchannelLogoutUri: string;
  readonly subjectType: 'public';
  readonly allowedScopes: readonly (typeof DEMO_PORTAL_SCOPES)[number][];
  readonly tokenEndpointAuthMethod: 'private_key_jwt';
  readonly jwks: { readonly keys: readonly PublicPortalJwk[] };
  readonly idTokenSignedResponseAlg: 'ES256';
}

/** What the portal registry needs for a demo portal served at `portalUrl` (e.g. the `url` `startDemoPortal` gave). */
export const demoPortalRegistration = (options: DemoPortalOptions, portalUrl: string): DemoPortalRegistration => {
  checkDemoPortalOptions(options);
  const url = portalUrl.replace(/\/+$/, '');
  return {
    kind: 'portal',
    clientId: options.clientId,
    name: { 'zh-CN': options.name['zh-CN'], en: options.name.en },
    firstParty: true,
    redirectUris: [`${url}/callback`],
    postLogoutRedirectUris: [`${url}/`],
    backchannelLogoutUri: `${url}/backchannel-logout`,
    subjectType: 'public',
    allowedScopes: [...DEMO_PORTAL_SCOPES],
    tokenEndpointAuthMethod: 'private_key_jwt',
    jwks: { keys: [publicPortalJwk(options.privateJwk)] },
    idTokenSignedResponseAlg: 'ES256',
  };
};
