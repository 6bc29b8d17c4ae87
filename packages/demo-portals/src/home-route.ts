import { signedInPage, signedOutPage } from './home-page.ts';
import { messagesFor } from './messages.ts';
import type { Route } from './portal-context.ts';
import { clearCookie, sendPage } from './responses.ts';

/** `GET /`: who is signed in, with every claim the provider released, or the sign-in button. */
export const showHome: Route = async (context, request) => {
  const t = messagesFor(request.locale);
  const cookie = request.cookies.get(context.cookieNames.session);
  const session = context.sessions.find(cookie);
  if (!session) {
    // The session ended elsewhere (back-channel logout, expiry): forget its cookie too.
    if (cookie !== undefined) clearCookie(context, request, context.cookieNames.session);
    return sendPage(context, request, 200, t.signedOutTitle, signedOutPage(request.locale));
  }
  sendPage(
    context,
    request,
    200,
    t.signedInTitle,
    signedInPage({
      locale: request.locale,
      csrfToken: session.csrfToken,
      idTokenClaims: session.idTokenClaims,
      userinfo: session.userinfo,
    }),
  );
};
