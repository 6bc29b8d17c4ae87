import { type HttpHandler, jsonResponse } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { openApiDocument } from '../openapi/openapi-document.ts';

/** `GET /v1/openapi.json`: the API's description, public (no token), built once per instance. */
export const getOpenApiDocument = (deps: PaymentsApiDependencies): HttpHandler => {
  const document = JSON.stringify(openApiDocument({ paymentsUrl: deps.paymentsUrl, identityUrl: deps.identityUrl }));
  return async () => ({
    ...jsonResponse(200, null, { 'cache-control': 'public, max-age=300' }),
    body: document,
  });
};
