import { type HttpHandler, httpHandler } from '@platform/http';
import { checkoutDependencies } from './dependencies.ts';
import { createCheckout } from './router.ts';

/**
 * The shared security headers set a strict API policy (`sandbox`, `form-action 'none'`), which would stop the
 * cashier's buttons. A page that states its own policy (`pages/layout.ts`: no script, pinned style) keeps it alone.
 */
const pagesKeepTheirPolicy =
  (inner: HttpHandler): HttpHandler =>
  async (event, context) => {
    const response = await inner(event, context);
    const headers = response.headers;
    if (headers?.['content-security-policy'] !== undefined && headers['Content-Security-Policy'] !== undefined) {
      const { 'Content-Security-Policy': _api, ...own } = headers;
      return { ...response, headers: own };
    }
    return response;
  };

/**
 * Lambda entry of the cashier. Dependencies are built on the first event, not at load (channel credentials are read
 * then); a failed build is retried on the next event.
 */
let checkout: HttpHandler | undefined;

export const handler: HttpHandler = async (event, context) => {
  if (!checkout) {
    const deps = checkoutDependencies();
    checkout = pagesKeepTheirPolicy(httpHandler(deps.logger, createCheckout(deps)));
  }
  return checkout(event, context);
};
