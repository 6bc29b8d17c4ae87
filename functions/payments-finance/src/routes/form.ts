import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An `application/x-www-form-urlencoded` body (API Gateway may hand it base64-encoded). */
export const formOf = (event: APIGatewayProxyEventV2): URLSearchParams =>
  new URLSearchParams(
    event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''),
  );
