import serverless from 'serverless-http';
import { identityProviderDependencies } from './dependencies.ts';
import { createIdentityApp } from './identity-app.ts';

/**
 * Lambda entry of the identity API. Dependencies (keys, clients, stores) are built once per instance, on the first
 * event, because loading the key set is asynchronous; serverless-http turns API Gateway v2 events into Node
 * requests for oidc-provider and back.
 */
let app: Promise<serverless.Handler> | undefined;

const build = async (): Promise<serverless.Handler> =>
  serverless(createIdentityApp(await identityProviderDependencies()), {
    binary: ['image/*', 'application/pdf', 'application/octet-stream'],
  });

export const handler = async (event: object, context: object): Promise<object> => {
  app ??= build().catch((error: unknown) => {
    app = undefined;
    throw error;
  });
  return (await app)(event, context);
};
