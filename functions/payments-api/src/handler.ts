import { type HttpHandler, httpHandler } from '@platform/http';
import { paymentsApiDependencies } from './dependencies.ts';
import { createPaymentsApi } from './router.ts';

/**
 * Lambda entry of the payments API. Dependencies are built once per instance, on the first event, because the
 * personal-data vault loads its keys asynchronously; a failed build is retried on the next event.
 */
let api: Promise<HttpHandler> | undefined;

const build = async (): Promise<HttpHandler> => {
  const deps = await paymentsApiDependencies();
  return httpHandler(deps.logger, createPaymentsApi(deps));
};

export const handler: HttpHandler = async (event, context) => {
  api ??= build().catch((error: unknown) => {
    api = undefined;
    throw error;
  });
  return (await api)(event, context);
};
