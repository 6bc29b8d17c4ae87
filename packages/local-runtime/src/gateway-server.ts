import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { fromLambdaResult, toApiGatewayEvent } from './api-gateway-event.ts';
import { type FunctionHost, FunctionTimeoutError } from './function-host.ts';
import type { RouteTable } from './route-table.ts';

/** Lambda's synchronous invocation payload limit; API Gateway answers 413 above it. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** API Gateway's own error replies are bare `{"message": …}` bodies; kept identical so clients see what AWS sends. */
const gatewayError = (response: ServerResponse, status: number, message: string) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
};

export type GatewayLog = (line: string) => void;

/**
 * An HTTP API of one bounded context on loopback: each request becomes the API Gateway v2 event, goes to the
 * function that owns the matching route, and the function's result becomes the HTTP response.
 */
export const createGatewayServer = (apiId: string, routes: RouteTable<FunctionHost>, log: GatewayLog): Server =>
  createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    try {
      const matched = routes.match(method, path);
      if (!matched) return gatewayError(response, 404, 'Not Found');
      const body = await readBody(request);
      if (!body) return gatewayError(response, 413, 'Request Entity Too Large');
      const event = toApiGatewayEvent(
        { method, url, headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
        {
          apiId,
          routeKey: matched.routeKey,
          ...(matched.pathParameters ? { pathParameters: matched.pathParameters } : {}),
        },
      );
      const result = (await matched.target.invoke(event)) as APIGatewayProxyResultV2;
      const outgoing = fromLambdaResult(result);
      response.writeHead(outgoing.statusCode, {
        ...outgoing.headers,
        'apigw-requestid': event.requestContext.requestId,
      });
      response.end(outgoing.body);
    } catch (error) {
      log(`${apiId} ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof FunctionTimeoutError) return gatewayError(response, 503, 'Service Unavailable');
      return gatewayError(response, 500, 'Internal Server Error');
    }
  });
