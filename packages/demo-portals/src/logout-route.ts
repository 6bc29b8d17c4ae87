import * as client from 'openid-client';
import { errorText } from './error-text.ts';
import { readFormBody } from './form-body.ts';
import type { Route } from './portal-context.ts';
import { csrfTokenMatches } from './portal-sessions.ts';
import { clearCookie, redirect, sendErrorPage } from './responses.ts';

const MAX_FORM_BYTES = 4096;

/**
 * `POST /logout`: ends the portal's session, then sends the browser to the provider's end-session endpoint
 * (RP-initiated logout) so that the single sign-on session ends too, and with it every other portal's session
 * (the provider tells them by back-channel logout).
 */
export const logout: Route = async (context, request) => {
  const form = await readFormBody(request.req, MAX_FORM_BYTES);
  const session = context.sessions.find(request.cookies.get(context.cookieNames.session));
  if (!session) return redirect(request, '/');
  if (!csrfTokenMatches(session, form.get('csrf')))
    return sendErrorPage(context, request, 403, { title: 'staleFormTitle', message: 'staleForm' });
  context.sessions.end(session.id);
  clearCookie(context, request, context.cookieNames.session);
  context.log(`signed out sub=${session.sub}`);
  try {
    const { config } = await context.provider.connect();
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: session.idToken,
      post_logout_redirect_uri: `${context.portalUrl}/`,
      ui_locales: request.locale,
    });
    redirect(request, endSession.href);
  } catch (error) {
    // The portal's own session is over either way; the provider's ends when it can be reached again.
    context.log(`end-session redirect unavailable: ${errorText(error)}`);
    redirect(request, '/');
  }
};
