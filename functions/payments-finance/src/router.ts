import { type HttpHandler, notFound } from '@platform/http';
import type { FinanceDependencies } from './finance-dependencies.ts';
import { showDay } from './routes/day.ts';
import { actOnDiscrepancy, listOpenDiscrepancies, showDiscrepancy } from './routes/discrepancies.ts';
import { showMonth } from './routes/month.ts';
import { decideRefund, listRefunds } from './routes/refunds.ts';
import { exportReport } from './routes/reports.ts';
import { finishSignIn, signOut, startSignIn } from './routes/sign-in.ts';

/** Every route of the finance console, by the API Gateway route key the topology declares (`packages/topology`). */
const ROUTES = {
  'GET /finance': showDay,
  'GET /finance/month': showMonth,
  'GET /finance/discrepancies': listOpenDiscrepancies,
  'GET /finance/discrepancies/{discrepancyId}': showDiscrepancy,
  'POST /finance/discrepancies/{discrepancyId}/{action}': actOnDiscrepancy,
  'GET /finance/refunds': listRefunds,
  'POST /finance/refunds/{refundId}/{decision}': decideRefund,
  'GET /finance/reports': exportReport,
  'GET /finance/sign-in': startSignIn,
  'GET /finance/callback': finishSignIn,
  'POST /finance/sign-out': signOut,
} as const satisfies Record<string, (deps: FinanceDependencies) => HttpHandler>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/** The console before the platform's middleware (problem details, security headers): picks the route by its key. */
export const createFinanceConsole = (deps: FinanceDependencies): HttpHandler => {
  const routes = new Map<string, HttpHandler>(ROUTE_KEYS.map((key) => [key, ROUTES[key](deps)]));
  return async (event, context) => {
    const route = routes.get(event.routeKey);
    if (!route) throw notFound();
    return route(event, context);
  };
};
