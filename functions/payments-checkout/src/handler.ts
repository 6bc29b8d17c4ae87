import { type HttpHandler, pageHandler } from '@platform/http';
import { checkoutDependencies } from './dependencies.ts';
import { createCheckout } from './router.ts';

/**
 * Lambda entry of the cashier. Dependencies are built on the first event, not at load (channel credentials are read
 * then); a failed build is retried on the next event. The pages state their own policy (`pages/layout.ts`: no
 * script, pinned style), which the cashier's buttons need (`pageHandler`).
 */
let checkout: HttpHandler | undefined;

export const handler: HttpHandler = async (event, context) => {
  if (!checkout) {
    const deps = checkoutDependencies();
    checkout = pageHandler(deps.logger, createCheckout(deps));
  }
  return checkout(event, context);
};
