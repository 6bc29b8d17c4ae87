import * as client from 'openid-client';
import type { ErrorPageModel } from './error-page.ts';
import { errorText } from './error-text.ts';
import type { PortalContext, PortalRequest, Route } from './portal-context.ts';
import { type Claims, PortalSessions } from './portal-sessions.ts';
import { ProviderUnavailableError } from './provider-link.ts';
import { clearCookie, redirect, sendErrorPage, setCookie } from './responses.ts';

type Failure = { readonly status: number } & Omit<ErrorPageModel, 'locale'>;

/** Error codes of the authorization response that mean "the user has to do something", not "something broke". */
const USER_ACTION_ERRORS: ReadonlySet<string> = new Set([
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]);

/** Turns whatever went wrong into a page a person can act on; the details go to the log, never to the page. */
const describeFailure = (error: unknown): Failure => {
  if (error instanceof client.AuthorizationResponseError) {
    const message =
      error.error === 'access_denied'
        ? 'accessDenied'
        : USER_ACTION_ERRORS.has(error.error)
          ? 'loginRequired'
          : 'providerError';
    return { status: 400, title: 'errorTitle', message, code: error.error, retry: true };
  }
  if (error instanceof client.ResponseBodyError)
    return { status: 502, title: 'errorTitle', message: 'invalidResponse', code: error.error, retry: true };
  if (error instanceof ProviderUnavailableError || error instanceof TypeError)
    return { status: 503, title: 'unavailableTitle', message: 'providerUnavailable', retry: true };
  return { status: 400, title: 'errorTitle', message: 'invalidResponse', retry: true };
};

const readUserinfo = async (
  context: PortalContext,
  config: client.Configuration,
  accessToken: string,
  sub: string,
): Promise<Claims | undefined> => {
  try {
    return { ...(await client.fetchUserInfo(config, accessToken, sub)) };
  } catch (error) {
    // The ID token alone is enough to sign in; the page then shows its claims only.
    context.log(`userinfo unavailable: ${errorText(error)}`);
    return undefined;
  }
};

/**
 * `GET /callback`: redeems the code with the login transaction's PKCE verifier; openid-client checks `state`, `iss`,
 * the ID token's signature (against the provider's keys), `aud`, `nonce` and times. Then the portal's own session
 * starts, under a new id.
 */
export const finishLogin: Route = async (context: PortalContext, request: PortalRequest) => {
  const transaction = context.logins.take(request.cookies.get(context.cookieNames.login));
  clearCookie(context, request, context.cookieNames.login, '/callback');
  if (!transaction)
    return sendErrorPage(context, request, 400, {
      title: 'errorTitle',
      message: 'noTransaction',
      code: request.url.searchParams.get('error') ?? undefined,
      retry: true,
    });
  try {
    const { config } = await context.provider.connect();
    const tokens = await client.authorizationCodeGrant(config, new URL(request.url.href), {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('the token response has no ID token');
    const previous = request.cookies.get(context.cookieNames.session);
    if (previous !== undefined) context.sessions.end(previous);
    const session = context.sessions.start({
      sub: claims.sub,
      sid: typeof claims.sid === 'string' ? claims.sid : undefined,
      idToken: tokens.id_token,
      idTokenClaims: { ...claims },
      userinfo: await readUserinfo(context, config, tokens.access_token, claims.sub),
    });
    context.log(`signed in sub=${claims.sub} acr=${claims.acr ?? '-'}`);
    setCookie(context, request, context.cookieNames.session, session.id, { maxAge: PortalSessions.lifetimeSeconds() });
    redirect(request, '/');
  } catch (error) {
    const failure = describeFailure(error);
    context.log(`sign-in failed: ${errorText(error)}`);
    const { status, ...model } = failure;
    sendErrorPage(context, request, status, model);
  }
};
