import type { HttpHandler } from '@platform/http';
import { WebSignInError } from '@platform/web-sign-in';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { signInFailedPage, signInUnavailablePage } from '../pages/payer-pages.ts';

export const redirectWithCookies = (
  location: string,
  cookies: readonly string[],
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies: [...cookies],
});

/** `GET /my/sign-in`: to the identity provider (PKCE, state and nonce sealed in a ten-minute cookie). */
export const startMySignIn =
  (deps: CheckoutDependencies): HttpHandler =>
  async () => {
    const area = deps.payerArea;
    if (!area) return signInUnavailablePage();
    const { location, cookies } = await area.signIn.startSignIn({ returnTo: '/my', locale: 'zh-CN' });
    return redirectWithCookies(location, cookies);
  };

/**
 * `GET /my/callback`: the provider's answer. Validated against the sign-in cookie; the payer's identifier, from
 * UserInfo, becomes a blind index and a masked form in the session (`payer-area/payer-profile.ts`); then to `/my`.
 */
export const finishMySignIn =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const area = deps.payerArea;
    if (!area) return signInUnavailablePage();
    try {
      const { location, cookies } = await area.signIn.finishSignIn(event);
      return redirectWithCookies(location, cookies);
    } catch (error) {
      if (!(error instanceof WebSignInError)) throw error;
      deps.logger.warn('payer sign-in not completed', { failure: error.failure, providerError: error.providerError });
      return { ...signInFailedPage(error.failure), cookies: [area.signIn.clearedSignInCookie] };
    }
  };
