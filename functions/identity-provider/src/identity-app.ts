import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '@platform/logging';
import type Provider from 'oidc-provider';
import { type AccountPageDependencies, createAccountRoute } from './account/account-route.ts';
import type { AccountStore } from './accounts/account.ts';
import type { CertificateInteractionDependencies } from './interactions/certificate-interaction.ts';
import { createInteractionRouter } from './interactions/interaction-router.ts';
import type { OperatorInteractionDependencies } from './interactions/operator-interaction.ts';
import type { PhoneSignInPort } from './interactions/phone-sign-in-port.ts';
import type { StepUpDependencies } from './interactions/step-up.ts';
import type { LogoutDeliveryStore } from './logout/logout-delivery.ts';

export interface SandboxOutbox {
  /** Messages the sandbox SMS sender "sent", newest first; only on a local run. */
  list(phone?: string): unknown[];
}

export interface IdentityAppDependencies
  extends StepUpDependencies,
    CertificateInteractionDependencies,
    OperatorInteractionDependencies,
    AccountPageDependencies {
  readonly provider: Provider;
  readonly phoneSignIn: PhoneSignInPort;
  readonly accounts: AccountStore;
  readonly logger: Logger;
  readonly secureCookies: boolean;
  readonly logoutDeliveries: LogoutDeliveryStore;
  /** Present only when SMS goes to the sandbox (never in a deployed stack). */
  readonly sandboxOutbox?: SandboxOutbox;
}

/**
 * One request listener for the identity API: the interaction pages, the account page, the local SMS sandbox, and
 * oidc-provider for every protocol endpoint (discovery, JWKS, authorization, token, userinfo, revocation,
 * introspection, end-session, PAR).
 */
export const createIdentityApp = (deps: IdentityAppDependencies): RequestListener => {
  const interactions = createInteractionRouter(deps);
  const account = createAccountRoute(deps);
  const protocol = deps.provider.callback();
  return async (request: IncomingMessage, response: ServerResponse) => {
    // serverless-http marks every socket as TLS and Koa believes the socket before X-Forwarded-Proto; the gateway's
    // header is the truth (plain HTTP only on the loopback of `npm start`), so secure cookies and URLs follow it.
    if (request.headers['x-forwarded-proto'] === 'http') (request.socket as { encrypted?: boolean }).encrypted = false;
    const url = new URL(request.url ?? '/', 'http://identity.invalid');
    if (url.pathname.startsWith('/interaction/')) return interactions(request, response, url);
    if (url.pathname === '/account' || url.pathname === '/account/operators') return account(request, response, url);
    if (url.pathname === '/_sandbox/sms' && deps.sandboxOutbox) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ messages: deps.sandboxOutbox.list(url.searchParams.get('phone') ?? undefined) }));
      return;
    }
    return protocol(request, response);
  };
};
