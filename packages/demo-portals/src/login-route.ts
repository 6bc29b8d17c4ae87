import * as client from 'openid-client';
import type { LoginTransaction, Route } from './portal-context.ts';
import { DEFAULT_SCOPES } from './portal-options.ts';
import { randomId } from './portal-sessions.ts';
import { ProviderUnavailableError } from './provider-link.ts';
import { redirect, sendErrorPage, setCookie } from './responses.ts';

const LOGIN_TTL_SECONDS = 600;
/** Prompts a sign-in link may pass on to the provider (`/login?prompt=login` forces a fresh authentication). */
const PROMPTS: ReadonlySet<string> = new Set(['login', 'consent', 'none']);
/** Space-separated printable ASCII values, as `acr_values` is defined. */
const ACR_VALUES = /^[\x21-\x7e]{1,200}( [\x21-\x7e]{1,200}){0,9}$/;

/**
 * `GET /login`: starts the authorization code flow with PKCE (S256), `state` and `nonce`. They stay on the server,
 * in a login transaction whose random id is the only thing the browser holds (a short-lived cookie sent only to
 * `/callback`).
 */
export const startLogin: Route = async (context, request) => {
  let connection: Awaited<ReturnType<typeof context.provider.connect>>;
  try {
    connection = await context.provider.connect();
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    return sendErrorPage(context, request, 503, { title: 'unavailableTitle', message: 'providerUnavailable' });
  }
  const transaction: LoginTransaction = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    locale: request.locale,
  };
  const parameters: Record<string, string> = {
    redirect_uri: `${context.portalUrl}/callback`,
    scope: context.options.scopes ?? DEFAULT_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce,
    ui_locales: request.locale,
  };
  const prompt = request.url.searchParams.get('prompt');
  if (prompt !== null && PROMPTS.has(prompt)) parameters.prompt = prompt;
  const acr = request.url.searchParams.get('acr') ?? context.options.acrValues;
  if (acr !== undefined && ACR_VALUES.test(acr)) parameters.acr_values = acr;

  const id = randomId();
  context.logins.set(id, transaction, LOGIN_TTL_SECONDS * 1000);
  setCookie(context, request, context.cookieNames.login, id, { path: '/callback', maxAge: LOGIN_TTL_SECONDS });
  redirect(request, client.buildAuthorizationUrl(connection.config, parameters).href);
};
