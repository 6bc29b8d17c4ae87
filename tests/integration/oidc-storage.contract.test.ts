import { createDynamoDbAdapterFactory, describeOidcAdapterContract, ManualClock } from '@platform/oidc-storage';
import { beforeAll } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

let storage: TestStorage;
beforeAll(async () => {
  storage = await createTestStorage();
});

describeOidcAdapterContract(
  'DynamoDbOidcAdapter on DynamoDB Local',
  () => {
    const clock = new ManualClock();
    const Adapter = createDynamoDbAdapterFactory({
      documents: storage.documents,
      tableName: storage.tableNames.identity,
      now: clock.now,
    });
    return { adapterFor: (model) => new Adapter(model), clock };
  },
  { exclusiveConsume: true },
);
