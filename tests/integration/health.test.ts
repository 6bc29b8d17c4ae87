import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { healthDependencies } from '../../functions/health/src/dependencies.ts';
import { createHealthHandler } from '../../functions/health/src/health-handler.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

describe('health function against DynamoDB Local', () => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await createTestStorage();
  });

  it.each(['identity', 'payments'] as const)('reads the %s table marker written by the bootstrap', async (context) => {
    const variable = context === 'identity' ? 'IDENTITY_TABLE' : 'PAYMENTS_TABLE';
    const deps = healthDependencies({ ...storage.env, HEALTH_CONTEXT: context, HEALTH_TABLE_VARIABLE: variable });
    const response = await createHealthHandler(deps)();
    const body = JSON.parse(String(response.body));
    expect(body.storage.table).toBe(storage.tableNames[context]);
    expect(body.storage.marker).toMatchObject({ context });
    expect(Date.parse(body.storage.marker.createdAt)).not.toBeNaN();
  });

  it('answers 503 when the table does not exist (a real failed read, not a fake)', async () => {
    const deps = healthDependencies({
      ...storage.env,
      HEALTH_CONTEXT: 'identity',
      HEALTH_TABLE_VARIABLE: 'MISSING_TABLE',
      MISSING_TABLE: 'no-such-table',
    });
    const { httpHandler } = await import('@platform/http');
    const { createLogger } = await import('@platform/logging');
    const handler = httpHandler(createLogger({ write: () => {} }), createHealthHandler(deps));
    const response = await handler(
      { rawPath: '/health', headers: {} } as unknown as APIGatewayProxyEventV2,
      {
        awsRequestId: 'r',
      } as Context,
    );
    expect(response.statusCode).toBe(503);
  });
});
