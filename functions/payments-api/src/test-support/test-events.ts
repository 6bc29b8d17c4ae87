import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface TestRequest {
  readonly routeKey?: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly body?: unknown;
}

/** The API Gateway v2 event of a request, as the gateway (or the local runtime) builds it. */
export const apiEvent = (request: TestRequest = {}): APIGatewayProxyEventV2 => {
  const method = request.method ?? request.routeKey?.split(' ')[0] ?? 'GET';
  const path = request.path ?? '/v1/notices';
  return {
    version: '2.0',
    routeKey: request.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'gateway-request',
      routeKey: request.routeKey ?? `${method} ${path}`,
    },
    ...(request.body === undefined
      ? {}
      : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
};

export const lambdaContext = (awsRequestId = 'request-1'): Context => ({ awsRequestId }) as Context;
