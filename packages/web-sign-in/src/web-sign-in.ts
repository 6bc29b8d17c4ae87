import { randomBytes, timingSafeEqual } from 'node:crypto';
import { importJWK } from 'jose';
import * as oidc from 'openid-client';
import { CookieSealer } from './cookie-sealer.ts';
import { type CookieScope, cookieHeader, readCookies } from './cookies.ts';
import { WebSignInConfigurationError, WebSignInError } from './errors.ts';
import { localPathOr } from './local-path.ts';
import type { WebSession } from './web-session.ts';
import type { WebSignInKeys } from './web-sign-in-keys.ts';

/** What the page function knows of the person when choosing what to keep (`WebSignInOptions.profile`). */
export interface SignedInPerson {
  readonly claims: oidc.IDToken;
  /** UserInfo's answer, when `fetchUserInfo` is on: where the provider releases personal data. */
  readonly userinfo?: oidc.UserInfoResponse;
}

export interface WebSignInOptions<Profile> {
  /** The identity provider's issuer URL (discovery is fetched from it once per instance). */
  readonly issuer: string;
  readonly clientId: string;
  /** Registered exactly; the callback route's full URL. */
  readonly redirectUri: string;
  /** Registered exactly; where the provider sends the person after signing out. */
  readonly postLogoutRedirectUri: string;
  /** Space-separated, `openid` first. */
  readonly scope: string;
  /** A minimum assurance level (`urn:platform:loa:2`): the provider steps the person up instead of failing. */
  readonly acrValues?: string;
  /** The keys, or how to load them (once, on first use: deployed they come from a secret). */
  readonly keys: WebSignInKeys | (() => Promise<WebSignInKeys>);
  /** Cookie names start with it (`<name>_session`, `<name>_signin`). */
  readonly cookieName: string;
  /** The cookies are sent only under this path (the area that needs them). */
  readonly cookiePath: string;
  /** Default 8 hours, the provider's own session lifetime. */
  readonly sessionSeconds?: number;
  readonly fetchUserInfo?: boolean;
  /**
   * What to keep of the person in the session cookie, chosen once at sign-in. Throw `WebSignInError('refused', …)`
   * when the person can not use the area (e.g. no ID number was released).
   */
  readonly profile: (person: SignedInPerson) => Profile | Promise<Profile>;
  readonly now?: () => Date;
}

/** The parts of an API Gateway HTTP API (v2) event the sign-in reads. */
export interface WebRequest {
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly rawQueryString?: string;
}

/** A redirect to send, with the cookies to set (API Gateway v2 `cookies`). */
export interface WebRedirect {
  readonly location: string;
  readonly cookies: readonly string[];
}

const SIGN_IN_SECONDS = 600;
const DEFAULT_SESSION_SECONDS = 8 * 3600;
const SESSION = 'session';
const SIGN_IN = 'signin';

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

/**
 * The platform's own Lambda-served pages as an OpenID Connect relying party of the platform's identity provider:
 * authorization code flow with PKCE (S256), `state` and `nonce` in a sealed, ten-minute sign-in cookie;
 * `private_key_jwt` at the token endpoint (the registry's default); ID token validation by openid-client; the session
 * in a sealed cookie (HttpOnly, SameSite=Lax, Secure unless loopback); RP-initiated logout at the provider.
 */
export class WebSignIn<Profile> {
  readonly #options: WebSignInOptions<Profile>;
  readonly #now: () => Date;
  readonly #scope: CookieScope;
  #keys: Promise<{ keys: WebSignInKeys; sealer: CookieSealer }> | undefined;
  #config: Promise<oidc.Configuration> | undefined;

  constructor(options: WebSignInOptions<Profile>) {
    for (const field of [
      'issuer',
      'clientId',
      'redirectUri',
      'postLogoutRedirectUri',
      'scope',
      'cookieName',
    ] as const) {
      if (typeof options[field] !== 'string' || options[field] === '') {
        throw new WebSignInConfigurationError(`WebSignIn: "${field}" is required`);
      }
    }
    if (!options.scope.split(' ').includes('openid')) throw new WebSignInConfigurationError('scope must name openid');
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#scope = { path: options.cookiePath, secure: !isLoopback(new URL(options.redirectUri).hostname) };
  }

  get sessionCookieName(): string {
    return `${this.#options.cookieName}_${SESSION}`;
  }

  get signInCookieName(): string {
    return `${this.#options.cookieName}_${SIGN_IN}`;
  }

  /** Deletes the sign-in cookie: set it with the page that reports a failed `finishSignIn`. */
  get clearedSignInCookie(): string {
    return cookieHeader(this.signInCookieName, '', this.#scope, 0);
  }

  /** Sends the person to the provider; `returnTo` (a local path) is where they land afterwards. */
  async startSignIn(request: { returnTo?: string; locale?: string } = {}): Promise<WebRedirect> {
    const [config, { sealer }] = await Promise.all([this.#discovered(), this.#loaded()]);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.#options.redirectUri,
      scope: this.#options.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.#options.acrValues ? { acr_values: this.#options.acrValues } : {}),
      ...(request.locale ? { ui_locales: request.locale } : {}),
    });
    const sealed = await sealer.seal(
      SIGN_IN,
      { verifier, state, nonce, returnTo: localPathOr(request.returnTo, this.#options.cookiePath) },
      SIGN_IN_SECONDS,
    );
    return { location: url.href, cookies: [cookieHeader(this.signInCookieName, sealed, this.#scope, SIGN_IN_SECONDS)] };
  }

  /**
   * The callback: checks the answer against the sign-in cookie (state, PKCE, nonce, and the ID token by openid-client),
   * asks UserInfo when configured, lets `profile` choose what to keep, and starts the session. The sign-in cookie is
   * cleared whatever the outcome, so a callback URL can not be used twice.
   */
  async finishSignIn(request: WebRequest): Promise<WebRedirect & { session: WebSession<Profile> }> {
    const [config, { sealer }] = await Promise.all([this.#discovered(), this.#loaded()]);
    const transaction = await sealer.open(SIGN_IN, readCookies(request).get(this.signInCookieName));
    if (!transaction) throw new WebSignInError('expired', 'no sign-in in progress in this browser, or it expired');
    const callback = new URL(this.#options.redirectUri);
    callback.search = request.rawQueryString ?? '';
    const providerError = callback.searchParams.get('error');
    if (providerError !== null && callback.searchParams.get('state') === transaction.state) {
      throw new WebSignInError('refused', `the provider answered ${providerError}`, { providerError });
    }
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: String(transaction.verifier),
        expectedState: String(transaction.state),
        expectedNonce: String(transaction.nonce),
        idTokenExpected: true,
      });
    } catch (error) {
      throw new WebSignInError('invalid', `the sign-in answer failed validation: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new WebSignInError('invalid', 'the token response has no ID token');
    const userinfo = this.#options.fetchUserInfo
      ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
      : undefined;
    const profile = await this.#options.profile({ claims, ...(userinfo ? { userinfo } : {}) });
    const seconds = this.#options.sessionSeconds ?? DEFAULT_SESSION_SECONDS;
    const now = this.#now();
    const session: WebSession<Profile> = {
      sub: claims.sub,
      ...(typeof claims.acr === 'string' ? { acr: claims.acr } : {}),
      ...(Array.isArray(claims.amr) ? { amr: claims.amr.map(String) } : {}),
      idToken: tokens.id_token,
      csrf: randomBytes(24).toString('base64url'),
      signedInAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
      profile,
    };
    const sealed = await sealer.seal(SESSION, { session }, seconds);
    return {
      location: localPathOr(transaction.returnTo, this.#options.cookiePath),
      session,
      cookies: [
        cookieHeader(this.sessionCookieName, sealed, this.#scope, seconds),
        cookieHeader(this.signInCookieName, '', this.#scope, 0),
      ],
    };
  }

  /** The request's session, or undefined when signed out (no cookie, altered, expired). */
  async session(request: WebRequest): Promise<WebSession<Profile> | undefined> {
    const { sealer } = await this.#loaded();
    const payload = await sealer.open(SESSION, readCookies(request).get(this.sessionCookieName));
    return payload?.session as WebSession<Profile> | undefined;
  }

  /** Ends the page's session and sends the person to the provider to end theirs (RP-initiated logout). */
  async signOut(session: WebSession<Profile> | undefined): Promise<WebRedirect> {
    const cleared = [cookieHeader(this.sessionCookieName, '', this.#scope, 0)];
    if (!session) return { location: this.#options.postLogoutRedirectUri, cookies: cleared };
    const config = await this.#discovered();
    const url = oidc.buildEndSessionUrl(config, {
      id_token_hint: session.idToken,
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
    });
    return { location: url.href, cookies: cleared };
  }

  /** The token a form of this session carries (synchronizer pattern: the session is sealed, so only we know it). */
  csrfToken(session: WebSession<Profile>): string {
    return session.csrf;
  }

  csrfValid(session: WebSession<Profile> | undefined, submitted: unknown): boolean {
    if (!session || typeof submitted !== 'string') return false;
    const expected = Buffer.from(session.csrf);
    const actual = Buffer.from(submitted);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** The keys, loaded once per instance; a failure is forgotten so the next request tries again. */
  #loaded(): Promise<{ keys: WebSignInKeys; sealer: CookieSealer }> {
    this.#keys ??= (async () => {
      const keys = typeof this.#options.keys === 'function' ? await this.#options.keys() : this.#options.keys;
      return { keys, sealer: new CookieSealer(keys.cookieKey, this.#now) };
    })().catch((error: unknown) => {
      this.#keys = undefined;
      throw error;
    });
    return this.#keys;
  }

  /**
   * The provider's discovery document, fetched once per instance (only when a sign-in or sign-out needs it: reading
   * a session does not reach the provider); a failure is forgotten so the next request tries again.
   */
  #discovered(): Promise<oidc.Configuration> {
    this.#config ??= this.#discover().catch((error: unknown) => {
      this.#config = undefined;
      throw error;
    });
    return this.#config;
  }

  async #discover(): Promise<oidc.Configuration> {
    const { keys } = await this.#loaded();
    const key = await importJWK(keys.clientPrivateJwk, keys.clientPrivateJwk.alg ?? 'ES256');
    if (key instanceof Uint8Array) throw new WebSignInConfigurationError('the client key must be asymmetric');
    const issuer = new URL(this.#options.issuer);
    return oidc.discovery(
      issuer,
      this.#options.clientId,
      { id_token_signed_response_alg: 'ES256' },
      oidc.PrivateKeyJwt({ key, kid: String(keys.clientPrivateJwk.kid) }),
      issuer.protocol === 'http:' && isLoopback(issuer.hostname) ? { execute: [oidc.allowInsecureRequests] } : {},
    );
  }
}
