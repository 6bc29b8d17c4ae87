import { alipayAuthoriseUrl, type PaymentAccountVerifier } from '@platform/real-name';

/**
 * The provider's half of the Alipay login app: it starts the check (the claimed identity validated, the authorise URL
 * built, which needs only the app id) and finishes the step-up with the outcome the `identity-payment-account`
 * function stored; it never holds the app's private key nor loads `alipay-sdk` (its bundle stays small). Neither
 * configuration: no payment-account method is offered.
 *
 * - Locally: `IDENTITY_ALIPAY_URL` (the simulator's base URL, authorise page `/oauth2/publicAppAuthorize.htm`) and
 *   `IDENTITY_ALIPAY_APP_ID`, as the local runtime passes them.
 * - Deployed: `IDENTITY_ALIPAY_AUTHORISE_URL` and `IDENTITY_ALIPAY_APP_ID` (`deployment.identity.alipayLogin`).
 */
export const alipayAuthorisationFromEnvironment = (env: NodeJS.ProcessEnv): PaymentAccountVerifier | undefined => {
  const appId = env.IDENTITY_ALIPAY_APP_ID;
  const base = env.IDENTITY_ALIPAY_URL?.replace(/\/+$/, '');
  const authoriseUrl = base ? `${base}/oauth2/publicAppAuthorize.htm` : env.IDENTITY_ALIPAY_AUTHORISE_URL;
  if (!appId || !authoriseUrl) return undefined;
  return {
    channel: 'alipay',
    authoriseUrl: (request) => alipayAuthoriseUrl({ appId, authoriseUrl }, request),
    readVerifiedIdentity: () => {
      // Reached only by a wiring mistake: the return from Alipay is routed to the payment-account function.
      throw new Error(
        'The identity provider does not exchange Alipay codes: identity-payment-account does (GET /interaction/{uid}/alipay-return).',
      );
    },
  };
};
