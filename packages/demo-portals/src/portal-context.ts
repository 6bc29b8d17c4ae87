import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExpiringMap } from './expiring-map.ts';
import type { Locale } from './locale.ts';
import type { LogoutTokenVerifier } from './logout-token-verifier.ts';
import type { PageShell } from './page-layout.ts';
import type { DemoPortalOptions } from './portal-options.ts';
import type { PortalSessions } from './portal-sessions.ts';
import type { ProviderLink } from './provider-link.ts';

/** One sign-in in progress: what `/callback` must check the provider's answer against. Used once. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly locale: Locale;
}

export interface CookieNames {
  readonly session: string;
  readonly login: string;
  readonly language: string;
}

/** Everything a route of one portal works with; built once when the portal starts. */
export interface PortalContext {
  readonly options: DemoPortalOptions;
  /** `http://127.0.0.1:<port>`: redirect URIs are built from this, never from the request's Host header. */
  readonly portalUrl: string;
  readonly secureCookies: boolean;
  readonly cookieNames: CookieNames;
  readonly provider: ProviderLink;
  readonly shell: PageShell;
  readonly sessions: PortalSessions;
  readonly logins: ExpiringMap<LoginTransaction>;
  readonly logoutTokens: LogoutTokenVerifier;
  readonly log: (message: string) => void;
}

/** One request as routes see it. */
export interface PortalRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly locale: Locale;
  readonly cookies: ReadonlyMap<string, string>;
  /** `Set-Cookie` values every response to this request carries (e.g. the remembered language). */
  readonly setCookies: string[];
}

export type Route = (context: PortalContext, request: PortalRequest) => Promise<void>;
