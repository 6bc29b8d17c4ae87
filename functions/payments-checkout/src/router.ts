import { type HttpHandler, notFound } from '@platform/http';
import type { CheckoutDependencies } from './checkout-dependencies.ts';
import { showMyNotices } from './routes/my-notices.ts';
import { finishMySignIn, startMySignIn } from './routes/my-sign-in.ts';
import { signOutOfMy } from './routes/my-sign-out.ts';
import { receiveNotification } from './routes/receive-notification.ts';
import { showCashier } from './routes/show-cashier.ts';
import { showReturn } from './routes/show-return.ts';
import { startPayment } from './routes/start-payment.ts';

/** Every route of the cashier, by the API Gateway route key the topology declares (`packages/topology`). */
const ROUTES = {
  'GET /pay/{paymentCode}': showCashier,
  'POST /pay/{paymentCode}/{channel}': startPayment,
  'GET /pay/{paymentCode}/return': showReturn,
  'POST /v1/channels/{channel}/notifications': receiveNotification,
  'GET /my': showMyNotices,
  'GET /my/sign-in': startMySignIn,
  'GET /my/callback': finishMySignIn,
  'POST /my/sign-out': signOutOfMy,
} as const satisfies Record<string, (deps: CheckoutDependencies) => HttpHandler>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/** The cashier before the platform's middleware (problem details, security headers): picks the route by its key. */
export const createCheckout = (deps: CheckoutDependencies): HttpHandler => {
  const routes = new Map<string, HttpHandler>(ROUTE_KEYS.map((key) => [key, ROUTES[key](deps)]));
  return async (event, context) => {
    const route = routes.get(event.routeKey);
    if (!route) throw notFound();
    return route(event, context);
  };
};
