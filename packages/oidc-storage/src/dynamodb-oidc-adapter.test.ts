import type { DocumentClient } from '@platform/dynamodb';
import type { AdapterConstructor } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { createDynamoDbAdapterFactory, DynamoDbOidcAdapter } from './dynamodb-oidc-adapter.ts';

const documents = { send: async () => ({}) } as unknown as DocumentClient;

describe('createDynamoDbAdapterFactory', () => {
  it('returns a constructor oidc-provider can call with a model name', () => {
    const Adapter: AdapterConstructor = createDynamoDbAdapterFactory({ documents, tableName: 'identity' });
    const adapter = new Adapter('AccessToken');
    expect(adapter).toBeInstanceOf(DynamoDbOidcAdapter);
    expect(adapter).toMatchObject({ model: 'AccessToken' });
  });

  it('refuses incomplete options when called, not on the first request', () => {
    expect(() => createDynamoDbAdapterFactory({ documents, tableName: '' })).toThrow(TypeError);
    expect(() =>
      createDynamoDbAdapterFactory({ documents: undefined as unknown as DocumentClient, tableName: 't' }),
    ).toThrow(TypeError);
    expect(() =>
      createDynamoDbAdapterFactory({ documents, tableName: 't', now: 5 as unknown as () => number }),
    ).toThrow(TypeError);
  });
});
