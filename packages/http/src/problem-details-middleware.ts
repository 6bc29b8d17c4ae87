import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@platform/logging';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { INTERNAL_ERROR, Problem, type ProblemFields } from './problem.ts';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

export const problemResponse = (
  problem: ProblemFields,
  instance: string | undefined,
  requestId: string | undefined,
): APIGatewayProxyStructuredResultV2 => {
  const body = {
    type: `https://errors.platform.gov.cn/${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.field ? { field: problem.field } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...(problem.retryAfter ? { 'retry-after': String(problem.retryAfter) } : {}),
    },
    body: JSON.stringify(body),
  };
};

/**
 * Turns any error into problem details. `Problem`s are shown as they are; anything else is logged with its stack
 * and shown as `internal_error`, so that no internal detail leaks and no request ever ends in a bare 500 page.
 */
export const problemDetails = (logger: Logger): Middleware => ({
  onError: async (request) => {
    const error = request.error;
    const requestId = request.context?.awsRequestId;
    const instance = request.event?.rawPath;
    if (error instanceof Problem) {
      if (error.status >= 500) logger.error('request failed', { code: error.code, requestId, error });
      request.response = problemResponse(error, instance, requestId);
      return;
    }
    logger.error('unhandled error', { requestId, path: instance, error });
    request.response = problemResponse(INTERNAL_ERROR, instance, requestId);
  },
});
