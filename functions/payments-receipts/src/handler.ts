import { type HttpHandler, pageHandler } from '@platform/http';
import { receiptsDependencies } from './dependencies.ts';
import { createReceipts } from './router.ts';

/**
 * Lambda entry. Dependencies are built on the first event; a failed build is retried on the next. The pages state
 * their own policy (`pages/layout.ts`), which the verification forms need (`pageHandler`).
 */
let receipts: HttpHandler | undefined;

export const handler: HttpHandler = async (event, context) => {
  if (!receipts) {
    const deps = receiptsDependencies();
    receipts = pageHandler(deps.logger, createReceipts(deps));
  }
  return receipts(event, context);
};
