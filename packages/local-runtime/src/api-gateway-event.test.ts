import { describe, expect, it } from 'vitest';
import { fromLambdaResult, toApiGatewayEvent } from './api-gateway-event.ts';

const request = (overrides: Partial<Parameters<typeof toApiGatewayEvent>[0]> = {}) => ({
  method: 'POST',
  url: '/v1/notices?limit=10&tag=a&tag=b',
  headers: { host: '127.0.0.1:4100', 'content-type': 'application/json', cookie: 'a=1; b=2', 'x-many': ['x', 'y'] },
  body: Buffer.from('{"amount":100}'),
  sourceIp: '127.0.0.1',
  ...overrides,
});

describe('toApiGatewayEvent', () => {
  const event = toApiGatewayEvent(request(), { apiId: 'payments', routeKey: 'POST /v1/notices' }, new Date(0));

  it('builds a payload-format-2.0 event', () => {
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/notices',
      rawPath: '/v1/notices',
      rawQueryString: 'limit=10&tag=a&tag=b',
      queryStringParameters: { limit: '10', tag: 'a,b' },
      cookies: ['a=1', 'b=2'],
      body: '{"amount":100}',
      isBase64Encoded: false,
      requestContext: {
        apiId: 'payments',
        http: { method: 'POST', path: '/v1/notices', sourceIp: '127.0.0.1' },
        time: '01/Jan/1970:00:00:00 +0000',
        timeEpoch: 0,
      },
    });
  });

  it('moves cookies out of the headers, joins repeated headers, announces the plain-HTTP hop', () => {
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-many']).toBe('x,y');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-forwarded-port']).toBe('4100');
  });

  it('base64-encodes binary bodies and omits an empty one', () => {
    const binary = toApiGatewayEvent(
      request({ headers: { 'content-type': 'application/zip' }, body: Buffer.from([0, 255]) }),
      { apiId: 'p', routeKey: '$default' },
    );
    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    const empty = toApiGatewayEvent(request({ body: Buffer.alloc(0) }), { apiId: 'p', routeKey: '$default' });
    expect(empty.body).toBeUndefined();
  });
});

describe('fromLambdaResult', () => {
  it('sends cookies as Set-Cookie headers and decodes base64 bodies', () => {
    const response = fromLambdaResult({
      statusCode: 303,
      headers: { Location: '/next' },
      cookies: ['s=1; HttpOnly', 't=2'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toEqual({
      statusCode: 303,
      headers: { location: '/next', 'set-cookie': ['s=1; HttpOnly', 't=2'] },
      body: Buffer.from('hi'),
    });
  });

  it('treats a bare value as a 200 JSON response, as payload format 2.0 does', () => {
    expect(fromLambdaResult({ ok: true } as never)).toMatchObject({
      statusCode: 200,
      body: Buffer.from('{"ok":true}'),
    });
    expect(fromLambdaResult('text')).toMatchObject({ statusCode: 200, body: Buffer.from('text') });
  });
});
