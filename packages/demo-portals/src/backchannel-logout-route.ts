import { errorText } from './error-text.ts';
import { readFormBody } from './form-body.ts';
import { InvalidLogoutTokenError } from './logout-token-verifier.ts';
import type { Route } from './portal-context.ts';
import { sendJson } from './responses.ts';

const MAX_FORM_BYTES = 16 * 1024;

/**
 * `POST /backchannel-logout`: the provider says a session has ended (OpenID Connect Back-Channel Logout 1.0).
 * Every portal session of that provider session ends; the answer is 200, or 400 `invalid_request` for any token
 * the portal will not act on (the reason goes to the log only).
 */
export const backchannelLogout: Route = async (context, request) => {
  try {
    const form = await readFormBody(request.req, MAX_FORM_BYTES);
    const token = form.get('logout_token');
    if (!token) throw new InvalidLogoutTokenError('no logout_token');
    const target = await context.logoutTokens.verify(token, await context.provider.connect());
    const ended = context.sessions.endByProviderSession(target);
    context.log(`back-channel logout sid=${target.sid ?? '-'} sub=${target.sub ?? '-'}: ${ended} session(s) ended`);
    sendJson(request, 200, {});
  } catch (error) {
    context.log(`back-channel logout refused: ${errorText(error)}`);
    sendJson(request, 400, { error: 'invalid_request' });
  }
};
