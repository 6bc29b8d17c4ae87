import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { pageHandler } from './page-handler.ts';

const logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => logger } as never;
const event = {
  headers: {},
  requestContext: { http: { method: 'GET', path: '/' } },
} as unknown as APIGatewayProxyEventV2;

describe('pageHandler', () => {
  it("keeps a page's own policy instead of the API's", async () => {
    const handler = pageHandler(logger, async () => ({
      statusCode: 200,
      headers: { 'content-security-policy': "default-src 'none'; form-action 'self'" },
      body: '<!doctype html>',
    }));
    const response = await handler(event, {} as Context);
    expect(response.headers?.['content-security-policy']).toBe("default-src 'none'; form-action 'self'");
    expect(response.headers?.['Content-Security-Policy']).toBeUndefined();
    expect(response.headers?.['X-Content-Type-Options']).toBe('nosniff');
  });

  it('gives every other answer the API policy', async () => {
    const handler = pageHandler(logger, async () => ({ statusCode: 200, headers: {}, body: '{}' }));
    const response = await handler(event, {} as Context);
    expect(response.headers?.['Content-Security-Policy']).toContain("form-action 'none'");
  });
});
