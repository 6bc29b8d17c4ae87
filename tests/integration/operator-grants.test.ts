import { ScanCommand } from '@platform/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbOperatorGrantStore } from '../../functions/identity-provider/src/operators/dynamodb-operator-grant-store.ts';
import { describeOperatorGrantStoreContract } from '../../functions/identity-provider/src/operators/operator-grant-store.contract.ts';
import { createDynamoDbOperatorSelections } from '../../functions/identity-provider/src/operators/operator-selection.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

let storage: TestStorage;
beforeAll(async () => {
  storage = await createTestStorage();
});

const table = () => ({ documents: storage.documents, tableName: storage.tableNames.identity });

describeOperatorGrantStoreContract('DynamoDB (identity table)', () => createDynamoDbOperatorGrantStore(table()));

describe('operator grants in DynamoDB, as items', () => {
  it('keep one grant as two items, one per direction, with no identifier in clear', async () => {
    const store = createDynamoDbOperatorGrantStore(table());
    await store.grant({
      legalPersonSub: 'layout-company',
      citizenIndex: 'layout-index',
      nameIndex: 'layout-name',
      maskedCitizenId: '110***********0113',
      maskedName: '张*',
      grantedBy: 'layout-company',
      grantedAt: '2026-03-01T02:00:00.000Z',
    });
    const { Items = [] } = await storage.documents.send(
      new ScanCommand({
        TableName: storage.tableNames.identity,
        FilterExpression: 'legalPersonSub = :company',
        ExpressionAttributeValues: { ':company': 'layout-company' },
      }),
    );
    expect(Items.map((item) => `${item.pk} ${item.sk}`).sort()).toEqual([
      'OPERATOR_GRANT#layout-company CITIZEN#layout-index',
      'OPERATOR_OF#layout-index LEGAL_PERSON#layout-company',
    ]);
    expect(JSON.stringify(Items)).not.toContain('110105199003070113');
  });
});

describe('operator selections in DynamoDB', () => {
  it('keep the latest choice per session and portal, and forget it when the person acts as themselves', async () => {
    const selections = createDynamoDbOperatorSelections(table());
    expect(await selections.chosen('session-1', 'tax')).toBeUndefined();
    await selections.choose('session-1', 'tax', 'company-a');
    await selections.choose('session-1', 'housing', 'company-b');
    expect(await selections.chosen('session-1', 'tax')).toBe('company-a');
    expect(await selections.chosen('session-1', 'housing')).toBe('company-b');
    await selections.choose('session-1', 'tax', undefined);
    expect(await selections.chosen('session-1', 'tax')).toBeUndefined();
    expect(await selections.chosen('session-2', 'housing')).toBeUndefined();
  });

  it('ignore a choice past its time even before the TTL deletes it', async () => {
    const past = createDynamoDbOperatorSelections({ ...table(), now: () => new Date('2020-01-01T00:00:00.000Z') });
    await past.choose('session-old', 'tax', 'company-a');
    expect(await createDynamoDbOperatorSelections(table()).chosen('session-old', 'tax')).toBeUndefined();
  });
});
