import { type HttpHandler, httpHandler } from '@platform/http';
import { createAlipayReturn } from './payment-account/alipay-return.ts';
import { paymentAccountDependencies } from './payment-account/payment-account-dependencies.ts';

/**
 * Lambda entry of identity-payment-account: `GET /interaction/{uid}/alipay-return`. It is its own function so that
 * the provider never loads `alipay-sdk` (and its HTTP client) nor holds the login app's private key. Dependencies are
 * built on the first event; a failed build is retried on the next.
 */
let route: Promise<HttpHandler> | undefined;

const build = async (): Promise<HttpHandler> => {
  const deps = await paymentAccountDependencies();
  return httpHandler(deps.logger, createAlipayReturn(deps));
};

export const handler: HttpHandler = async (event, context) => {
  route ??= build().catch((error: unknown) => {
    route = undefined;
    throw error;
  });
  return (await route)(event, context);
};
