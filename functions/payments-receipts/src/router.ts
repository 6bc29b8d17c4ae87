import { type HttpHandler, notFound } from '@platform/http';
import { withReceiptProblems } from './receipt-problem.ts';
import type { ReceiptsDependencies } from './receipts-dependencies.ts';
import { downloadReceiptPdf } from './routes/download-receipt-pdf.ts';
import { publishReceiptKeys } from './routes/publish-receipt-keys.ts';
import { showReceipt } from './routes/show-receipt.ts';
import { showVerification } from './routes/show-verification.ts';
import { verifyReceipt } from './routes/verify-receipt.ts';

/** Every route, by the API Gateway route key the topology declares (`packages/topology`). */
const ROUTES = {
  'GET /receipts/verify': showVerification,
  'GET /receipts/{receiptNumber}': showReceipt,
  'GET /receipts/{receiptNumber}/pdf': downloadReceiptPdf,
  'POST /v1/receipts/verifications': verifyReceipt,
  'GET /v1/receipts/keys': publishReceiptKeys,
} as const satisfies Record<string, (deps: ReceiptsDependencies) => HttpHandler>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/** The receipts function before the platform's middleware: picks the route by its key. */
export const createReceipts = (deps: ReceiptsDependencies): HttpHandler => {
  const routes = new Map<string, HttpHandler>(ROUTE_KEYS.map((key) => [key, withReceiptProblems(ROUTES[key](deps))]));
  return async (event, context) => {
    const route = routes.get(event.routeKey);
    if (!route) throw notFound();
    return route(event, context);
  };
};
