import { createServer, type RequestListener, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata } from 'oidc-provider';
import type { DemoPortalRegistration } from '../registration.ts';

/** Claims every stand-in account has; the account id is whatever login name was typed. */
export const STAND_IN_CLAIMS = { name: '张三', phone_number: '+86 13800138000', phone_number_verified: true };

/**
 * A real oidc-provider on 127.0.0.1 standing in for the platform's provider: its development login page (any login
 * name works), RP-initiated and back-channel logout, PKCE required, ES256 keys. It listens (answering 503) before it
 * knows its clients, because the portals' URLs are needed to register them and the issuer to start the portals.
 */
export interface StandInProvider {
  readonly issuer: string;
  /** The provider's private signing key: tests sign their own logout tokens with it. */
  readonly signingKey: JWK;
  /** One line per back-channel logout the provider sent (`success <client>` or `error <client>: <message>`). */
  readonly backchannelEvents: string[];
  serve(registrations: readonly DemoPortalRegistration[]): void;
  /** Publishes these keys at `jwks_uri` instead of the provider's own (to prove portals check signatures). */
  publishKeys(keys: readonly JWK[] | undefined): void;
  stop(): Promise<void>;
}

export const toClientMetadata = (registration: DemoPortalRegistration): ClientMetadata => ({
  client_id: registration.clientId,
  client_name: registration.name.en,
  redirect_uris: [...registration.redirectUris],
  post_logout_redirect_uris: [...registration.postLogoutRedirectUris],
  backchannel_logout_uri: registration.backchannelLogoutUri,
  backchannel_logout_session_required: true,
  token_endpoint_auth_method: registration.tokenEndpointAuthMethod,
  jwks: { keys: registration.jwks.keys.map((key) => ({ ...key })) },
  id_token_signed_response_alg: registration.idTokenSignedResponseAlg,
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: registration.allowedScopes.join(' '),
  // So that the ID token says when the citizen authenticated (oidc-provider sends auth_time only when asked).
  require_auth_time: true,
});

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

export const startStandInProvider = async (): Promise<StandInProvider> => {
  let listener: RequestListener = (_req, res) => res.writeHead(503).end();
  let publishedKeys: readonly JWK[] | undefined;
  const server = createServer((req, res) => {
    if (publishedKeys && req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: publishedKeys }));
      return;
    }
    listener(req, res);
  });
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'stand-in-es256', alg: 'ES256', use: 'sig' };
  const backchannelEvents: string[] = [];

  const serve = (registrations: readonly DemoPortalRegistration[]) => {
    const provider = new Provider(issuer, {
      clients: registrations.map(toClientMetadata),
      jwks: { keys: [signingKey] },
      cookies: { keys: ['stand-in-cookie-key'] },
      features: {
        devInteractions: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: { enabled: true },
      },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 3600, Interaction: 600, Session: 3600 },
      // oidc-provider 9 refuses outgoing requests to special-use addresses (SSRF protection) by giving fetch its own
      // dispatcher; the portals listen on loopback, so the stand-in drops that dispatcher for its back-channel calls.
      fetch: (url, options) => {
        const { dispatcher: _ssrfGuard, ...rest } = options as RequestInit & { dispatcher?: unknown };
        return globalThis.fetch(url, rest);
      },
      scopes: ['openid', 'phone', 'profile', 'offline_access'],
      claims: {
        acr: null,
        amr: null,
        auth_time: null,
        sid: null,
        phone: ['phone_number', 'phone_number_verified'],
        profile: ['name'],
      },
      findAccount: async (_ctx, accountId) => ({
        accountId,
        claims: async () => ({ sub: accountId, ...STAND_IN_CLAIMS }),
      }),
    });
    provider.on('backchannel.success', (_ctx, client) => backchannelEvents.push(`success ${client.clientId}`));
    provider.on('backchannel.error', (_ctx, error, client) =>
      backchannelEvents.push(`error ${client.clientId}: ${(error as Error).message}`),
    );
    listener = provider.callback();
  };

  return {
    issuer,
    signingKey,
    backchannelEvents,
    serve,
    publishKeys: (keys) => {
      publishedKeys = keys;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
