import { createHmac } from 'node:crypto';
import type { Logger } from '@platform/logging';
import { PLATFORM_CLIENT_PROPERTIES } from '@platform/portal-registry';
import Provider, {
  type Adapter,
  type Configuration,
  type FindAccount,
  type JWKS,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { type LogoutDeliveryStore, nextAttemptDelay } from '../logout/logout-delivery.ts';
import { PAGE_HEADERS } from '../pages/layout.ts';
import { chooseLocale } from '../pages/locale.ts';
import { errorPage, loggedOutPage, logoutConfirmPage } from '../pages/logout-pages.ts';
import { lookup } from '../pages/messages.ts';
import { ACR_VALUES } from './assurance.ts';
import { assurancePolicy } from './assurance-policy.ts';
import { firstPartyGrant } from './first-party-grant.ts';
import { LIFETIMES } from './lifetimes.ts';
import { paymentsResourceServer } from './resource-servers.ts';
import { CLAIMS_BY_SCOPE, PROVIDER_SCOPES } from './scopes.ts';

export interface ProviderDependencies {
  /** Public base URL of the identity API, e.g. `https://id.example.gov.cn` or `http://127.0.0.1:4000`. */
  readonly issuer: string;
  readonly adapter: new (name: string) => Adapter;
  /** Private JWKS, the current signing key of each algorithm first. */
  readonly jwks: JWKS;
  /** Cookie signing keys, newest first. */
  readonly cookieKeys: string[];
  readonly findAccount: FindAccount;
  /** Secret salt of pairwise subject identifiers. */
  readonly pairwiseSalt: string;
  /** Resource indicator (audience) of the payments API. */
  readonly paymentsAudience: string;
  readonly logger: Logger;
  /**
   * oidc-provider refuses outgoing requests (back-channel logout, client JWKS URIs) to loopback and private
   * addresses, against server-side request forgery. Only `npm start`, where the portals listen on loopback, turns
   * that off; deployed stages never do.
   */
  readonly allowLoopbackRequests?: boolean;
  /** Where back-channel logouts that a portal did not accept are kept for the scheduled retry. */
  readonly logoutDeliveries: LogoutDeliveryStore;
}

const withoutSsrfGuard: Configuration['fetch'] = (url, options) => {
  const { dispatcher: _guard, ...rest } = options as RequestInit & { dispatcher?: unknown };
  return globalThis.fetch(url, rest);
};

const localeOf = (ctx: KoaContextWithOIDC): ReturnType<typeof chooseLocale> =>
  chooseLocale(
    (ctx.oidc?.params?.ui_locales as string | undefined) ?? undefined,
    ctx.get('accept-language') || undefined,
  );

const sendPage = (ctx: KoaContextWithOIDC, status: number, body: string) => {
  ctx.status = status;
  ctx.set(PAGE_HEADERS);
  ctx.body = body;
};

/**
 * The OpenID Connect provider: oidc-provider configured by the platform's policy. Security-relevant choices:
 * PKCE S256 for every client, exact redirect URIs (oidc-provider's default), `private_key_jwt` by default,
 * refresh tokens rotated with reuse detection, JWT access tokens for the payments API bound by DPoP when asked.
 */
export const createProvider = (deps: ProviderDependencies): Provider => {
  const configuration: Configuration = {
    adapter: deps.adapter,
    findAccount: deps.findAccount,
    jwks: deps.jwks,
    cookies: {
      keys: deps.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    acrValues: [...ACR_VALUES],
    scopes: PROVIDER_SCOPES,
    claims: { acr: null, amr: null, auth_time: null, sid: null, ...CLAIMS_BY_SCOPE } as Configuration['claims'],
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) =>
      createHmac('sha256', deps.pairwiseSalt)
        .update(`${client.sectorIdentifier}\u0000${accountId}`)
        .digest('base64url'),
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'ES256',
    },
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    extraClientMetadata: { properties: [...PLATFORM_CLIENT_PROPERTIES] },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    loadExistingGrant: firstPartyGrant,
    ttl: { ...LIFETIMES },
    conformIdTokenClaims: true,
    ...(deps.allowLoopbackRequests ? { fetch: withoutSsrfGuard } : {}),
    allowOmittingSingleRegisteredRedirectUri: false,
    interactions: { policy: assurancePolicy(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      backchannelLogout: { enabled: true },
      dPoP: { enabled: true },
      resourceIndicators: paymentsResourceServer(deps.paymentsAudience),
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => sendPage(ctx, 200, logoutConfirmPage(localeOf(ctx), form)),
        postLogoutSuccessSource: (ctx) => sendPage(ctx, 200, loggedOutPage(localeOf(ctx))),
      },
    },
    renderError: (ctx, out, error) => {
      const locale = localeOf(ctx);
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) deps.logger.error('provider error page', { error });
      const message =
        status >= 500 ? lookup(locale, 'error_service_unavailable') : (out.error_description ?? out.error);
      sendPage(ctx, status, errorPage({ locale, message, code: out.error }));
    },
  };

  const provider = new Provider(deps.issuer, configuration);
  // The gateway terminates TLS and forwards the original scheme and host in X-Forwarded-* headers.
  provider.proxy = true;
  provider.on('server_error', (_ctx, error) => deps.logger.error('oidc server_error', { error }));
  recordFailedLogouts(provider, deps);
  return provider;
};

/**
 * oidc-provider tries each back-channel logout once, during sign-out, and only emits an event when it fails. The
 * failure is written down for the scheduled retry; the write is awaited before the response goes out, because a
 * Lambda instance may be frozen as soon as it has answered.
 */
const recordFailedLogouts = (provider: Provider, deps: ProviderDependencies) => {
  const pendingWrites = new WeakMap<object, Promise<unknown>[]>();
  provider.use(async (ctx, next) => {
    await next();
    const pending = pendingWrites.get(ctx);
    if (pending) await Promise.all(pending);
  });
  provider.on('backchannel.error', (ctx, error, client, accountId, sid) => {
    deps.logger.warn('back-channel logout failed; will retry', { clientId: client.clientId, error });
    const write = deps.logoutDeliveries
      .recordFailure({
        clientId: client.clientId,
        accountId,
        sid,
        attempts: 1,
        nextAttemptAt: Math.floor(Date.now() / 1000) + (nextAttemptDelay(1) ?? 30),
        lastError: error.message,
      })
      .catch((failure: unknown) => deps.logger.error('could not record a failed logout', { error: failure }));
    pendingWrites.set(ctx, [...(pendingWrites.get(ctx) ?? []), write]);
  });
};
