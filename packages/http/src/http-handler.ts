import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Logger } from '@platform/logging';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problemDetails } from './problem-details-middleware.ts';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Wraps a route handler with the platform's defaults, in the order they must run: errors become problem details
 * first, then security headers are added to every response, errors included.
 */
export const httpHandler = (logger: Logger, route: HttpHandler) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpSecurityHeaders())
    .use(problemDetails(logger))
    .handler(route);
