import { createDocumentClient, ScanCommand, StorageUnavailableError, standardRetryPolicy } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import {
  createAuditTrail,
  createDynamoDbAttemptGuardStore,
  createDynamoDbAuditEventStore,
  windowSlot,
} from '@platform/real-name';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeAttemptGuardStoreContract } from '../../packages/real-name/src/attempt-guard-store.contract.ts';
import { describeAuditTrailContract } from '../../packages/real-name/src/audit-trail.contract.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

let storage: TestStorage;
beforeAll(async () => {
  storage = await createTestStorage();
});

const table = () => ({ documents: storage.documents, tableName: storage.tableNames.identity });

describeAttemptGuardStoreContract('DynamoDB (identity table)', () => createDynamoDbAttemptGuardStore(table()));
describeAuditTrailContract('DynamoDB (identity table)', () => createDynamoDbAuditEventStore(table()));

describe('DynamoDB real-name stores, as items', () => {
  it('lay audit events out as AUDIT#<sub> / <ISO time>#<random>, without storage attributes on the way back', async () => {
    const trail = createAuditTrail({
      store: createDynamoDbAuditEventStore(table()),
      logger: createLogger({ write: () => {} }),
    });
    const event = await trail.record({
      type: 'sign_in',
      sub: 'layout-sub',
      methods: ['sms'],
      acr: 'urn:platform:loa:1',
    });
    const { Items = [] } = await storage.documents.send(
      new ScanCommand({
        TableName: storage.tableNames.identity,
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#layout-sub' },
      }),
    );
    expect(Items).toEqual([{ ...event, pk: 'AUDIT#layout-sub', sk: event.id, entity: 'AuditEvent' }]);
    expect((await trail.listForSubject('layout-sub')).events).toEqual([event]);
  });

  it('give window counters a TTL at the end of their window', async () => {
    const slot = windowSlot('registry:sub:ttl', { windowSeconds: 3_600, max: 2 }, new Date());
    await createDynamoDbAttemptGuardStore(table()).takeCheck('ttl', [slot], Date.now());
    const { Items = [] } = await storage.documents.send(
      new ScanCommand({
        TableName: storage.tableNames.identity,
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'REAL_NAME_RATE#registry:sub:ttl' },
      }),
    );
    expect(Items).toEqual([
      expect.objectContaining({ checks: 1, expiresAt: slot.windowEnd, sk: `WINDOW#3600#${slot.windowStart}` }),
    ]);
  });

  it('translate an unreachable table into StorageUnavailableError', async () => {
    const unreachable = createDocumentClient(
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
      { retry: standardRetryPolicy(1) },
    );
    const options = { documents: unreachable, tableName: 'any' };
    await expect(createDynamoDbAttemptGuardStore(options).readLockout('s')).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    await expect(createDynamoDbAuditEventStore(options).listNewestFirst('s', { limit: 1 })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
  });
});
