import type { HttpHandler } from '@platform/http';
import { WebSignInError } from '@platform/web-sign-in';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { NOT_AN_OFFICER } from '../officers/officer-profile.ts';
import { badFormPage, notAnOfficerPage, signInFailedPage } from '../pages/status-pages.ts';
import { formOf } from './form.ts';

const redirect = (location: string, cookies: readonly string[]): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies: [...cookies],
});

/** `GET /finance/sign-in`: to the identity provider (PKCE, state, nonce sealed in a ten-minute cookie). */
export const startSignIn =
  (deps: FinanceDependencies): HttpHandler =>
  async () => {
    const { location, cookies } = await deps.signIn.startSignIn({ returnTo: '/finance', locale: 'zh-CN' });
    return redirect(location, cookies);
  };

/**
 * `GET /finance/callback`: the provider's answer. The profile hook (`officers/officer-profile.ts`) turns the released
 * ID number into the officer's blind index and refuses anyone the registry does not know: that refusal is a 403
 * page of its own, the other failures the sign-in-failed page.
 */
export const finishSignIn =
  (deps: FinanceDependencies): HttpHandler =>
  async (event) => {
    try {
      const { location, cookies } = await deps.signIn.finishSignIn(event);
      return redirect(location, cookies);
    } catch (error) {
      if (!(error instanceof WebSignInError)) throw error;
      deps.logger.warn('finance console sign-in not completed', {
        failure: error.failure,
        providerError: error.providerError,
      });
      const page = error.providerError === NOT_AN_OFFICER ? notAnOfficerPage() : signInFailedPage(error.failure);
      return { ...page, cookies: [deps.signIn.clearedSignInCookie] };
    }
  };

/** `POST /finance/sign-out` (CSRF-checked): clears the session and ends the provider's session too. */
export const signOut =
  (deps: FinanceDependencies): HttpHandler =>
  async (event) => {
    const session = await deps.signIn.session(event);
    if (session && !deps.signIn.csrfValid(session, formOf(event).get('csrf') ?? undefined)) return badFormPage();
    const { location, cookies } = await deps.signIn.signOut(session);
    return redirect(location, cookies);
  };
