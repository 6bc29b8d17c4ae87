import { readFileSync } from 'node:fs';
import { ScanCommand } from '@platform/dynamodb';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Adapter, type Configuration } from 'oidc-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWN_SCOPES,
  PLATFORM_CLIENT_PROPERTIES,
  PortalRegistry,
  RegistrationError,
} from '../../packages/portal-registry/src/index.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

type Json = Record<string, unknown>;
const example = (file: string, changes: Json = {}): Json => ({
  ...(JSON.parse(
    readFileSync(new URL(`../../packages/portal-registry/examples/${file}`, import.meta.url), 'utf8'),
  ) as Json),
  ...changes,
});

const refusal = async (promise: Promise<unknown>): Promise<RegistrationError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistrationError)) throw new Error(`expected a RegistrationError, got ${String(error)}`);
  return error;
};

/** A provider whose `Client` adapter is the registry, as the identity provider function wires it. */
const providerReading = async (registry: PortalRegistry): Promise<Provider> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const adapter = (name: string): Adapter => ({
    find: async (id) => (name === 'Client' ? registry.findClientMetadata(id) : undefined) as never,
    upsert: async () => {},
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: async () => {},
    destroy: async () => {},
    revokeByGrantId: async () => {},
  });
  const configuration: Configuration = {
    adapter,
    jwks: { keys: [await exportJWK(privateKey)] } as Configuration['jwks'],
    scopes: [...KNOWN_SCOPES],
    subjectTypes: ['public', 'pairwise'],
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      clientCredentials: { enabled: true },
    },
    extraClientMetadata: { properties: [...PLATFORM_CLIENT_PROPERTIES] },
  };
  return new Provider('http://127.0.0.1:9/', configuration);
};

describe('PortalRegistry on DynamoDB Local', () => {
  let storage: TestStorage;
  let registry: PortalRegistry;
  let tick = 0;

  /** Every item the registry owns for one client: the client and its change log. */
  const itemsOf = async (clientId: string): Promise<Json[]> => {
    const { Items } = await storage.documents.send(
      new ScanCommand({
        TableName: storage.tableNames.identity,
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `PORTAL#${clientId}` },
        ConsistentRead: true,
      }),
    );
    return Items ?? [];
  };
  const changeItemsOf = async (clientId: string) =>
    (await itemsOf(clientId)).filter((item) => String(item.sk).startsWith('CHANGE#'));

  beforeAll(async () => {
    storage = await createTestStorage();
    registry = new PortalRegistry({
      documents: storage.documents,
      tableName: storage.tableNames.identity,
      now: () => new Date(Date.UTC(2025, 5, 1) + 1000 * tick++),
    });
  });

  it('registers, reads, lists, updates under version control, disables and enables a portal', async () => {
    const provider = await providerReading(registry);
    const { portal, clientSecret } = await registry.register(example('citizen-portal.json'), { by: 'alice' });
    expect(clientSecret).toBeUndefined();
    expect(portal).toMatchObject({ status: 'active', version: 1, createdBy: 'alice', updatedBy: 'alice' });
    expect(await registry.get('zhejiang-zwfw')).toEqual(portal);
    expect((await registry.list()).items.map((p) => p.registration.clientId)).toContain('zhejiang-zwfw');
    expect((await registry.list({ kind: 'department' })).items.map((p) => p.registration.clientId)).not.toContain(
      'zhejiang-zwfw',
    );
    expect((await provider.Client.find('zhejiang-zwfw'))?.redirectUris).toHaveLength(2);

    const updated = await registry.update('zhejiang-zwfw', example('citizen-portal-update.json'), {
      by: 'bob',
      expectedVersion: 1,
    });
    expect(Object.keys(updated.changes)).toEqual(['backchannelLogoutUri', 'redirectUris']);
    expect(updated.portal).toMatchObject({ version: 2, updatedBy: 'bob', createdBy: 'alice' });
    expect(updated.portal.registration).not.toHaveProperty('backchannelLogoutUri');

    const stale = await refusal(
      registry.update('zhejiang-zwfw', { firstParty: false }, { by: 'carol', expectedVersion: 1 }),
    );
    expect(stale.code).toBe('version_conflict');
    expect((await registry.get('zhejiang-zwfw'))?.version).toBe(2);

    const disabled = await registry.disable('zhejiang-zwfw', { by: 'alice' });
    expect(disabled).toMatchObject({ status: 'disabled', version: 3 });
    expect(await registry.findClientMetadata('zhejiang-zwfw')).toBeUndefined();
    expect(await provider.Client.find('zhejiang-zwfw')).toBeUndefined();
    expect((await refusal(registry.disable('zhejiang-zwfw', { by: 'alice' }))).code).toBe('status_unchanged');

    await registry.enable('zhejiang-zwfw', { by: 'alice' });
    expect(await registry.findClientMetadata('zhejiang-zwfw')).toMatchObject({
      client_id: 'zhejiang-zwfw',
      redirect_uris: example('citizen-portal-update.json').redirectUris,
    });
    expect((await provider.Client.find('zhejiang-zwfw'))?.redirectUris).toHaveLength(3);

    const history = await registry.history('zhejiang-zwfw');
    expect(history.map(({ action, version, by }) => [action, version, by])).toEqual([
      ['register', 1, 'alice'],
      ['update', 2, 'bob'],
      ['disable', 3, 'alice'],
      ['enable', 4, 'alice'],
    ]);
    expect(history[1]?.changes.backchannelLogoutUri).toEqual({
      from: 'https://zwfw.example.gov.cn/oidc/backchannel-logout',
    });
    expect(await changeItemsOf('zhejiang-zwfw')).toHaveLength(4);
  });

  it('refuses a second registration of a client id and logs nothing for it', async () => {
    const input = example('market-supervision-department.json', { clientId: 'dup-department' });
    await registry.register(input, { by: 'alice' });
    const duplicate = await refusal(registry.register({ ...input, departmentCode: '110000-CZJ' }, { by: 'mallory' }));
    expect(duplicate).toMatchObject({ code: 'duplicate_client', field: 'clientId' });
    expect(await changeItemsOf('dup-department')).toHaveLength(1);
    expect((await registry.get('dup-department'))?.registration).toMatchObject({ departmentCode: '330100-SCJGJ' });
  });

  it('stores nothing at all for an invalid registration', async () => {
    const invalid = example('citizen-portal.json', {
      clientId: 'insecure-portal',
      redirectUris: ['http://insecure.example.gov.cn/cb'],
    });
    expect((await refusal(registry.register(invalid, { by: 'alice' }))).code).toBe('insecure_redirect_uri');
    const unknownScope = example('citizen-portal.json', {
      clientId: 'insecure-portal',
      allowedScopes: ['openid', 'all'],
    });
    expect((await refusal(registry.register(unknownScope, { by: 'alice' }))).code).toBe('unknown_scope');
    expect(await itemsOf('insecure-portal')).toEqual([]);
  });

  it('leaves the client and its log untouched when an update is invalid', async () => {
    await registry.register(example('citizen-portal.json', { clientId: 'steady-portal' }), { by: 'alice' });
    const before = await itemsOf('steady-portal');
    for (const patch of [
      { redirectUris: ['https://steady.example.gov.cn/cb#frag'] },
      { allowedScopes: ['openid', 'unknown'] },
      { jwks: null },
      { clientId: 'other' },
    ])
      await expect(registry.update('steady-portal', patch, { by: 'bob' })).rejects.toBeInstanceOf(RegistrationError);
    expect((await refusal(registry.update('no-such-portal', { firstParty: false }, { by: 'bob' }))).code).toBe(
      'not_found',
    );
    expect(await itemsOf('steady-portal')).toEqual(before);
  });

  it('lets exactly one of two simultaneous updates of the same version win', async () => {
    await registry.register(example('citizen-portal.json', { clientId: 'contested-portal' }), { by: 'alice' });
    const outcomes = await Promise.allSettled([
      registry.update('contested-portal', { firstParty: false }, { by: 'bob', expectedVersion: 1 }),
      registry.update('contested-portal', { allowedScopes: ['openid'] }, { by: 'carol', expectedVersion: 1 }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [lost] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'version_conflict' });
    expect(await changeItemsOf('contested-portal')).toHaveLength(2);
    expect((await registry.get('contested-portal'))?.version).toBe(2);
  });

  it('issues a client secret once, gives it only to the provider, and deletes it when no longer needed', async () => {
    const { portal, clientSecret } = await registry.register(example('partner-portal-secret-exception.json'), {
      by: 'alice',
    });
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const secret = clientSecret as string;
    expect(portal.clientSecretIssuedAt).toBe(portal.createdAt);
    expect(JSON.stringify(await registry.get('housing-fund-partner'))).not.toContain(secret);
    expect(JSON.stringify(await registry.list())).not.toContain(secret);
    expect(JSON.stringify(await registry.history('housing-fund-partner'))).not.toContain(secret);
    expect(await registry.findClientMetadata('housing-fund-partner')).toMatchObject({
      token_endpoint_auth_method: 'client_secret_basic',
      client_secret: secret,
      subject_type: 'pairwise',
    });

    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const moved = await registry.update(
      'housing-fund-partner',
      {
        tokenEndpointAuthMethod: 'private_key_jwt',
        exceptionReason: null,
        jwks: { keys: [await exportJWK(publicKey)] },
      },
      { by: 'bob' },
    );
    expect(moved.clientSecret).toBeUndefined();
    expect(moved.portal).not.toHaveProperty('clientSecretIssuedAt');
    expect(await registry.findClientMetadata('housing-fund-partner')).not.toHaveProperty('client_secret');
    expect(JSON.stringify(await itemsOf('housing-fund-partner'))).not.toContain(secret);

    const back = await registry.update(
      'housing-fund-partner',
      { tokenEndpointAuthMethod: 'client_secret_basic', exceptionReason: 'Vendor rolled back its JWT support again' },
      { by: 'bob' },
    );
    expect(back.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(back.clientSecret).not.toBe(secret);
    expect(await registry.findClientMetadata('housing-fund-partner')).toMatchObject({
      client_secret: back.clientSecret,
    });
  });

  it('pages through clients of one kind in client id order', async () => {
    const ids = ['page-dept-e', 'page-dept-a', 'page-dept-c', 'page-dept-b', 'page-dept-d'];
    for (const clientId of ids)
      await registry.register(example('market-supervision-department.json', { clientId }), { by: 'alice' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await registry.list({ kind: 'department', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((p) => p.registration.clientId));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.filter((id) => id.startsWith('page-dept-'))).toEqual([...ids].sort());
    expect(seen.every((id) => !id.includes('zwfw'))).toBe(true);
    expect((await refusal(registry.list({ cursor: 'bogus' }))).code).toBe('invalid_cursor');
  });

  it('finds no metadata for ids that can not be client ids, without asking DynamoDB', async () => {
    for (const id of ['', '../PORTAL', 'A'.repeat(5000), 'x y'])
      expect(await registry.findClientMetadata(id)).toBeUndefined();
    expect(await registry.findClientMetadata('never-registered')).toBeUndefined();
  });
});
