import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request header by name. API Gateway lower-cases names; this does not rely on it. */
export const requestHeader = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [header, value] of Object.entries(event.headers ?? {})) {
    if (header.toLowerCase() === wanted) return value;
  }
  return undefined;
};
