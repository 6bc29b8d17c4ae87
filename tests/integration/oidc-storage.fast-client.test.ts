import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, FastDynamoDBDocumentClient } from '@platform/dynamodb';
import { ensureTables } from '@platform/local-runtime';
import {
  createDynamoDbAdapterFactory,
  describeOidcAdapterContract,
  ManualClock,
  newId,
  samplePayload,
} from '@platform/oidc-storage';
import { localTableName, TABLES } from '@platform/topology';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The adapter contract once more on DynamoDB Local (started by this file), this time through the document client
 * the functions use (`createDocumentClient`, whose data-plane commands bypass the SDK's stack), plus what the
 * lookup hints must get right when another instance moves a session. Needs Java, like the integration project.
 */

describe('DynamoDbOidcAdapter through createDocumentClient on DynamoDB Local', () => {
  let documents: DynamoDBDocumentClient;
  let tableName: string;

  beforeAll(async () => {
    const endpoint = inject('dynamodbEndpoint');
    const client = new DynamoDBClient({
      endpoint: endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const stage = `fast${Date.now().toString(36)}`;
    await ensureTables(client, stage, [TABLES.identity]);
    client.destroy();
    tableName = localTableName(stage, TABLES.identity);
    documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'local' });
    expect(documents).toBeInstanceOf(FastDynamoDBDocumentClient);
  }, 60_000);

  afterAll(async () => {
    documents?.destroy();
  });

  describeOidcAdapterContract(
    'DynamoDbOidcAdapter, fast document client',
    () => {
      const clock = new ManualClock();
      const Adapter = createDynamoDbAdapterFactory({ documents, tableName, now: clock.now });
      return { adapterFor: (model) => new Adapter(model), clock };
    },
    { exclusiveConsume: true },
  );

  describe('findByUid across instances (each with its own lookup hints)', () => {
    const instances = () => {
      const A = createDynamoDbAdapterFactory({ documents, tableName });
      const B = createDynamoDbAdapterFactory({ documents, tableName });
      return { a: new A('Session'), b: new B('Session') };
    };

    it('finds the session another instance re-keyed (destroy old id, save under a new one)', async () => {
      const { a, b } = instances();
      const id = newId();
      const session = samplePayload('Session', id);
      await a.upsert(id, session, 600);
      expect(await a.findByUid(String(session.uid))).toStrictEqual(session);
      const renewed = { ...session, jti: newId() };
      await b.destroy(id);
      await b.upsert(String(renewed.jti), renewed, 600);
      expect(await a.findByUid(String(session.uid))).toStrictEqual(renewed);
    });

    it('finds nothing once another instance destroyed the session', async () => {
      const { a, b } = instances();
      const id = newId();
      const session = samplePayload('Session', id);
      await a.upsert(id, session, 600);
      await b.destroy(id);
      expect(await a.findByUid(String(session.uid))).toBeUndefined();
    });

    it('sees the newest payload and consumption written by another instance', async () => {
      const { a, b } = instances();
      const id = newId();
      const session = samplePayload('Session', id);
      await a.upsert(id, session, 600);
      const changed = { ...session, authorizations: { portal: { sid: 'other' } } };
      await b.upsert(id, changed, 600);
      expect(await a.findByUid(String(session.uid))).toStrictEqual(changed);
    });

    it('does not find a session under a uid it no longer carries', async () => {
      const { a, b } = instances();
      const id = newId();
      const session = samplePayload('Session', id);
      await a.upsert(id, session, 600);
      await b.upsert(id, { ...session, uid: newId() }, 600);
      expect(await a.findByUid(String(session.uid))).toBeUndefined();
    });
  });
});
