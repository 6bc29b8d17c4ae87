import { type HttpHandler, pageHandler } from '@platform/http';
import { financeDependencies } from './dependencies.ts';
import { createFinanceConsole } from './router.ts';

/**
 * Lambda entry of the finance console; dependencies are built on the first event (a failed build is retried). The
 * pages state their own policy (`pages/console-layout.ts`: no script, pinned style), which their forms need; the CSV
 * and JSON downloads keep the API policy (`pageHandler`).
 */
let financeConsole: HttpHandler | undefined;

export const handler: HttpHandler = async (event, context) => {
  if (!financeConsole) {
    const deps = financeDependencies();
    financeConsole = pageHandler(deps.logger, createFinanceConsole(deps));
  }
  return financeConsole(event, context);
};
