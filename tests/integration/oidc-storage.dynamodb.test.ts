import { createDocumentClient, GetCommand, StorageUnavailableError, standardRetryPolicy } from '@platform/dynamodb';
import {
  createDynamoDbAdapterFactory,
  type DynamoDbOidcAdapterConstructor,
  ManualClock,
  newId,
  OidcRecordAlreadyConsumedError,
  OidcRecordNotFoundError,
  recordKey,
  samplePayload,
} from '@platform/oidc-storage';
import { errors } from 'oidc-provider';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/** What the contract can not see: the items as stored, the errors' types, and failures of the store itself. */
describe('DynamoDbOidcAdapter: storage specifics on DynamoDB Local', () => {
  let storage: TestStorage;
  let clock: ManualClock;
  let Adapter: DynamoDbOidcAdapterConstructor;
  beforeAll(async () => {
    storage = await createTestStorage();
  });
  beforeEach(() => {
    clock = new ManualClock();
    Adapter = createDynamoDbAdapterFactory({
      documents: storage.documents,
      tableName: storage.tableNames.identity,
      now: clock.now,
    });
  });

  const rawItem = async (model: string, id: string) =>
    (
      await storage.documents.send(
        new GetCommand({ TableName: storage.tableNames.identity, Key: recordKey(model, id), ConsistentRead: true }),
      )
    ).Item;

  describe('key layout', () => {
    it('stores a grant-bound token under its own key, in the grant index, with a TTL in epoch seconds', async () => {
      const id = newId();
      const grantId = newId();
      const payload = samplePayload('AccessToken', id, { grantId });
      await new Adapter('AccessToken').upsert(id, payload, 60);
      const item = await rawItem('AccessToken', id);
      expect(item).toMatchObject({
        pk: `OIDC#AccessToken#${id}`,
        sk: 'OIDC',
        model: 'AccessToken',
        id,
        expiresAt: clock.now() / 1000 + 60,
        gsi2pk: `OIDC_GRANT#${grantId}`,
        gsi2sk: `AccessToken#${id}`,
      });
      expect(JSON.parse(String(item?.payload))).toStrictEqual(payload);
      expect(item).not.toHaveProperty('gsi1pk');
    });

    it('indexes a Session by uid and a DeviceCode by user code, per model', async () => {
      const session = samplePayload('Session', newId());
      const deviceCode = samplePayload('DeviceCode', newId());
      await new Adapter('Session').upsert(String(session.jti), session, 60);
      await new Adapter('DeviceCode').upsert(String(deviceCode.jti), deviceCode, 60);
      expect(await rawItem('Session', String(session.jti))).toMatchObject({
        gsi1pk: `OIDC_UID#Session#${session.uid}`,
      });
      expect(await rawItem('DeviceCode', String(deviceCode.jti))).toMatchObject({
        gsi1pk: `OIDC_USER_CODE#DeviceCode#${deviceCode.userCode}`,
        gsi2pk: `OIDC_GRANT#${deviceCode.grantId}`,
      });
    });

    it('keeps records of models that are not grant-bound out of the grant index, and records without a lifetime out of TTL', async () => {
      const interaction = samplePayload('Interaction', newId(), { grantId: newId() });
      await new Adapter('Interaction').upsert(String(interaction.jti), interaction);
      const item = await rawItem('Interaction', String(interaction.jti));
      expect(item).not.toHaveProperty('gsi2pk');
      expect(item).not.toHaveProperty('gsi1pk');
      expect(item).not.toHaveProperty('expiresAt');
    });

    it('keeps consumed as a top-level attribute', async () => {
      const id = newId();
      await new Adapter('AuthorizationCode').upsert(id, samplePayload('AuthorizationCode', id), 60);
      await new Adapter('AuthorizationCode').consume(id);
      expect(await rawItem('AuthorizationCode', id)).toMatchObject({ consumed: clock.now() / 1000 });
    });
  });

  it('hides an expired item that DynamoDB has not deleted yet', async () => {
    const id = newId();
    await new Adapter('AccessToken').upsert(id, samplePayload('AccessToken', id), 1);
    clock.advance(1);
    expect(await new Adapter('AccessToken').find(id)).toBeUndefined();
    expect(await rawItem('AccessToken', id)).toBeDefined();
  });

  it('finds the most recently written Session when two share a uid', async () => {
    const uid = newId();
    const older = samplePayload('Session', newId(), { uid, accountId: 'older' });
    const newer = samplePayload('Session', newId(), { uid, accountId: 'newer' });
    await new Adapter('Session').upsert(String(older.jti), older, 600);
    clock.advance(1);
    await new Adapter('Session').upsert(String(newer.jti), newer, 600);
    expect(await new Adapter('Session').findByUid(uid)).toMatchObject({ accountId: 'newer' });
    await new Adapter('Session').destroy(String(newer.jti));
    expect(await new Adapter('Session').findByUid(uid)).toMatchObject({ accountId: 'older' });
  });

  it('leaves out a save of a Session that only slides its expiry a little, and writes any change', async () => {
    const id = newId();
    const session = samplePayload('Session', id);
    const eightHours = 8 * 3600;
    await new Adapter('Session').upsert(id, session, eightHours);
    const written = await rawItem('Session', id);
    clock.advance(30);
    await new Adapter('Session').upsert(id, { ...session, exp: Number(session.exp) + 30 }, eightHours);
    expect(await rawItem('Session', id)).toStrictEqual(written);

    clock.advance(30);
    await new Adapter('Session').upsert(id, { ...session, exp: Number(session.exp) + 60 }, eightHours);
    expect(await rawItem('Session', id)).toMatchObject({ expiresAt: clock.now() / 1000 + eightHours });

    const changed = { ...session, accountId: 'another-account' };
    await new Adapter('Session').upsert(id, changed, eightHours);
    expect(await new Adapter('Session').find(id)).toStrictEqual(changed);
  });

  describe('consume errors are invalid_grant, so oidc-provider answers 400 and issues nothing', () => {
    it('for the loser of a race', async () => {
      const id = newId();
      await new Adapter('RefreshToken').upsert(id, samplePayload('RefreshToken', id), 60);
      await new Adapter('RefreshToken').consume(id);
      const second = new Adapter('RefreshToken').consume(id);
      await expect(second).rejects.toBeInstanceOf(OidcRecordAlreadyConsumedError);
      await expect(second).rejects.toBeInstanceOf(errors.InvalidGrant);
      expect(await new Adapter('RefreshToken').consumeOnce(id)).toBe(false);
    });

    it('for a record that is not there', async () => {
      const missing = new Adapter('AuthorizationCode').consume(newId());
      await expect(missing).rejects.toBeInstanceOf(OidcRecordNotFoundError);
      await expect(missing).rejects.toMatchObject({ status: 400, error: 'invalid_grant' });
      await expect(new Adapter('AuthorizationCode').consumeOnce(newId())).rejects.toBeInstanceOf(
        OidcRecordNotFoundError,
      );
    });
  });

  describe('when DynamoDB does not answer', () => {
    const unreachable = () => {
      return createDynamoDbAdapterFactory({
        documents: createDocumentClient({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }, { retry: standardRetryPolicy(1) }),
        tableName: 'identity',
      });
    };

    it.each([
      ['upsert', (adapter) => adapter.upsert('id', { jti: 'id' }, 60)],
      ['find', (adapter) => adapter.find('id')],
      ['findByUid', (adapter) => adapter.findByUid('uid')],
      ['findByUserCode', (adapter) => adapter.findByUserCode('code')],
      ['consume', (adapter) => adapter.consume('id')],
      ['destroy', (adapter) => adapter.destroy('id')],
      ['revokeByGrantId', (adapter) => adapter.revokeByGrantId('grant')],
    ] as const satisfies readonly (readonly [
      string,
      (adapter: InstanceType<DynamoDbOidcAdapterConstructor>) => Promise<unknown>,
    ])[])('%s rejects with StorageUnavailableError', async (_, call) => {
      const Unreachable = unreachable();
      await expect(call(new Unreachable('Session'))).rejects.toBeInstanceOf(StorageUnavailableError);
    });
  });
});
