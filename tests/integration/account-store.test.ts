import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@platform/dynamodb';
import { localPersonalDataVault } from '@platform/personal-data';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PhoneProtector } from '../../functions/identity-provider/src/accounts/account.ts';
import { createDynamoDbAccountStore } from '../../functions/identity-provider/src/accounts/dynamodb-account-store.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

describe('account store on DynamoDB Local', () => {
  let storage: TestStorage;
  let phones: PhoneProtector;

  beforeAll(async () => {
    storage = await createTestStorage();
    const vault = await localPersonalDataVault(mkdtempSync(join(tmpdir(), 'vault-')));
    phones = {
      seal: (phone) => vault.seal('phone', phone),
      open: (sealed) => vault.open(sealed as `v1.${string}`, 'phone'),
      index: (phone) => vault.blindIndex('phone', phone),
    };
  });

  const store = () =>
    createDynamoDbAccountStore({ documents: storage.documents, tableName: storage.tableNames.identity, phones });

  it('creates an account on first sign-in and finds the same one afterwards', async () => {
    const first = await store().findOrCreateByPhone('13900000001');
    const again = await store().findOrCreateByPhone('13900000001');
    expect(first.created).toBe(true);
    expect(again).toEqual({ account: first.account, created: false });
    expect(await phones.open(again.account.sealedPhone)).toBe('13900000001');
  });

  it('creates exactly one account when first sign-ins with one number race', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store().findOrCreateByPhone('13900000002')));
    expect(new Set(results.map((result) => result.account.sub)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('never stores a phone number in clear', async () => {
    await store().findOrCreateByPhone('13900000003');
    const scan = await storage.documents.send(new ScanCommand({ TableName: storage.tableNames.identity }));
    expect(JSON.stringify(scan.Items)).not.toMatch(/1390000000\d/);
  });
});
