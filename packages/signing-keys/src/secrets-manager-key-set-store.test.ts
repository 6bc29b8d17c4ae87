import type { AwsJsonApi } from '@platform/aws-json';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import { KeySetConflictError, KeySetInvalidError, KeySetNotFoundError, KeySetStoreError } from './errors.ts';
import type { KeySet } from './key-set.ts';
import { SecretsManagerKeySetStore } from './secrets-manager-key-set-store.ts';

/**
 * Request shaping only: a fake `send` records the commands and answers as Secrets Manager documents. Nothing
 * here proves the behaviour of the real service (see the README).
 */
type Answer = (operation: string) => unknown;
const fakeClient = (answer: Answer) => {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client: AwsJsonApi = {
    call: async (operation, input) => {
      sent.push({ name: operation, input: input as Record<string, unknown> });
      return { output: (await answer(operation)) as Record<string, unknown>, $metadata: {} };
    },
  };
  return { client, sent };
};
const awsError = (name: string) => Object.assign(new Error(`${name}: from the service`), { name });
const SECRET_ID = 'identity/key-set';

describe('SecretsManagerKeySetStore (fake client)', () => {
  let set: KeySet;
  beforeAll(async () => {
    set = await createKeySet(new Date('2026-01-01T00:00:00Z'));
  });

  it('loads with GetSecretValue and returns the VersionId as the version', async () => {
    const { client, sent } = fakeClient(() => ({ SecretString: JSON.stringify(set), VersionId: 'v-1' }));
    const store = new SecretsManagerKeySetStore({ client, secretId: SECRET_ID });
    expect(await store.loadVersioned()).toEqual({ set, version: 'v-1' });
    expect(sent).toEqual([{ name: 'GetSecretValue', input: { SecretId: SECRET_ID } }]);
  });

  it('saves a first key set with one PutSecretValue (which makes it AWSCURRENT)', async () => {
    const { client, sent } = fakeClient(() => ({ VersionId: 'v-1' }));
    expect(await new SecretsManagerKeySetStore({ client, secretId: SECRET_ID }).save(set)).toBe('v-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.name).toBe('PutSecretValue');
    expect(sent[0]?.input).toEqual({
      SecretId: SECRET_ID,
      SecretString: JSON.stringify(set),
      ClientRequestToken: expect.any(String),
    });
  });

  it('saves conditionally: puts a pending version, then moves AWSCURRENT from the version it read', async () => {
    const { client, sent } = fakeClient((command) => (command === 'PutSecretValue' ? { VersionId: 'v-2' } : {}));
    expect(await new SecretsManagerKeySetStore({ client, secretId: SECRET_ID }).save(set, 'v-1')).toBe('v-2');
    expect(sent.map((call) => call.name)).toEqual(['PutSecretValue', 'UpdateSecretVersionStage']);
    expect(sent[0]?.input).toMatchObject({ SecretId: SECRET_ID, VersionStages: ['KEYSET_PENDING'] });
    expect(sent[0]?.input).not.toHaveProperty('VersionStages', expect.arrayContaining(['AWSCURRENT']));
    expect(sent[1]?.input).toEqual({
      SecretId: SECRET_ID,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: 'v-2',
      RemoveFromVersionId: 'v-1',
    });
  });

  it('sends a different ClientRequestToken for each save', async () => {
    const { client, sent } = fakeClient(() => ({ VersionId: 'v' }));
    const store = new SecretsManagerKeySetStore({ client, secretId: SECRET_ID });
    await store.save(set);
    await store.save(set);
    expect(sent[0]?.input.ClientRequestToken).not.toBe(sent[1]?.input.ClientRequestToken);
  });

  it('reports a lost race as KeySetConflictError', async () => {
    const { client } = fakeClient((command) => {
      if (command === 'UpdateSecretVersionStage') throw awsError('InvalidParameterException');
      return { VersionId: 'v-3' };
    });
    const store = new SecretsManagerKeySetStore({ client, secretId: SECRET_ID });
    await expect(store.save(set, 'v-1')).rejects.toThrow(KeySetConflictError);
  });

  it('translates service errors into this package’s errors, never leaking SDK types', async () => {
    const failing = (name: string) =>
      new SecretsManagerKeySetStore({
        client: fakeClient(() => Promise.reject(awsError(name))).client,
        secretId: SECRET_ID,
      });
    await expect(failing('ResourceNotFoundException').load()).rejects.toThrow(KeySetNotFoundError);
    await expect(failing('AccessDeniedException').load()).rejects.toThrow(KeySetStoreError);
    await expect(failing('AccessDeniedException').save(set)).rejects.toThrow(/cannot write secret identity\/key-set/);
  });

  it('rejects a secret value that is not a key set', async () => {
    const answering = (output: unknown) =>
      new SecretsManagerKeySetStore({ client: fakeClient(() => output).client, secretId: SECRET_ID });
    await expect(answering({ SecretString: 'hunter2', VersionId: 'v' }).load()).rejects.toThrow(KeySetInvalidError);
    await expect(answering({ SecretString: '{"version":1}', VersionId: 'v' }).load()).rejects.toThrow(
      KeySetInvalidError,
    );
    await expect(answering({ SecretBinary: new Uint8Array(1), VersionId: 'v' }).load()).rejects.toThrow(
      KeySetInvalidError,
    );
  });
});
