import { httpHandler, Problem } from '@platform/http';
import { createLogger } from '@platform/logging';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHealthHandler, type HealthDependencies } from './health-handler.ts';

const deps = (overrides: Partial<HealthDependencies> = {}): HealthDependencies => ({
  context: 'identity',
  tableName: 'local-identity',
  now: () => 0,
  readTableMarker: async () => ({ context: 'identity', createdAt: '2026-11-23T00:00:00.000Z' }),
  ...overrides,
});

const event = { rawPath: '/health', headers: {} } as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'req-1' } as Context;

describe('health handler', () => {
  it('reports ok with the table marker it read', async () => {
    const response = await createHealthHandler(deps())();
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toMatchObject({
      status: 'ok',
      context: 'identity',
      storage: { table: 'local-identity', read: 'consistent', marker: { context: 'identity' } },
    });
  });

  it('reports a missing marker as null rather than failing', async () => {
    const response = await createHealthHandler(deps({ readTableMarker: async () => undefined }))();
    expect(JSON.parse(String(response.body)).storage.marker).toBeNull();
  });

  it('turns a storage failure into a 503 storage_unavailable problem', async () => {
    const failing = createHealthHandler(deps({ readTableMarker: () => Promise.reject(new Error('down')) }));
    await expect(failing()).rejects.toBeInstanceOf(Problem);
    const wrapped = httpHandler(createLogger({ write: () => {} }), failing);
    const response = await wrapped(event, context);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(String(response.body))).toMatchObject({ code: 'storage_unavailable', requestId: 'req-1' });
  });
});
