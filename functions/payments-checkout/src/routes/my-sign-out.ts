import type { HttpHandler } from '@platform/http';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { badFormPage, signInUnavailablePage } from '../pages/payer-pages.ts';
import { redirectWithCookies } from './my-sign-in.ts';

const formField = (body: string | undefined, isBase64Encoded: boolean, name: string): string | undefined =>
  new URLSearchParams(isBase64Encoded ? Buffer.from(body ?? '', 'base64').toString('utf8') : (body ?? '')).get(name) ??
  undefined;

/**
 * `POST /my/sign-out` (with the session's CSRF token): clears the session cookie and sends the payer to the
 * provider's end-session endpoint, which ends the single sign-on session and returns them to `/my`.
 */
export const signOutOfMy =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const area = deps.payerArea;
    if (!area) return signInUnavailablePage();
    const session = await area.signIn.session(event);
    if (session && !area.signIn.csrfValid(session, formField(event.body, event.isBase64Encoded, 'csrf'))) {
      return badFormPage();
    }
    const { location, cookies } = await area.signIn.signOut(session);
    return redirectWithCookies(location, cookies);
  };
