import { badRequest, Problem } from '@platform/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestHeader } from './request-header.ts';

/** Deeper bodies are refused: no field of this API nests more than a few levels, and hashing recurses. */
const MAXIMUM_DEPTH = 16;

const depthOf = (value: unknown, limit: number): number => {
  if (typeof value !== 'object' || value === null || limit < 0) return 0;
  let deepest = 0;
  for (const member of Object.values(value)) deepest = Math.max(deepest, depthOf(member, limit - 1));
  return deepest + 1;
};

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * The request body as a JSON object. Refused before anything else happens (no idempotency key is taken): a body
 * that is not JSON, or not an object, or sent as another media type.
 */
export const jsonObjectBody = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const contentType = requestHeader(event, 'content-type');
  if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType)) {
    throw new Problem({
      status: 415,
      code: 'unsupported_media_type',
      title: 'Unsupported media type',
      detail: 'Send the request body as application/json.',
      field: 'Content-Type',
    });
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The request body must be a JSON object.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalid_json', 'The request body must be a JSON object.');
  }
  if (depthOf(body, MAXIMUM_DEPTH) > MAXIMUM_DEPTH) {
    throw badRequest('invalid_json', `The request body may nest at most ${MAXIMUM_DEPTH} levels.`);
  }
  return body as Record<string, unknown>;
};
