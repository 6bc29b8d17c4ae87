import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AwsJsonApi } from '@platform/aws-json';
import { describe, expect, it } from 'vitest';
import { KeyServiceError, SealedValueError } from './errors.ts';
import { KmsKeyWrapper } from './kms-key-wrapper.ts';
import { PersonalDataVault } from './personal-data-vault.ts';
import type { SealedValue } from './sealed-value.ts';

/**
 * Request shaping only. The fake answers like KMS would (a blob only decrypts with the encryption context it was
 * made with), using a local AES key; it proves nothing about the real service (see the README).
 */
const KEY_ARN = 'arn:aws:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const awsError = (name: string) => Object.assign(new Error(`${name}: from the service`), { name });

const fakeKms = () => {
  const kek = randomBytes(32);
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const context = (input: Record<string, unknown>) => Buffer.from(JSON.stringify(input.EncryptionContext));
  const answer = async (name: string, input: Record<string, unknown>) => {
    sent.push({ name, input });
    if (name === 'GenerateDataKey') {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(context(input));
      const blob = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64'), KeyId: KEY_ARN };
    }
    try {
      const blob = Buffer.from(input.CiphertextBlob as string, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', kek, blob.subarray(0, 12)).setAAD(context(input));
      decipher.setAuthTag(blob.subarray(blob.length - 16));
      const plaintext = Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
      return { Plaintext: plaintext.toString('base64'), KeyId: KEY_ARN };
    } catch {
      throw awsError('InvalidCiphertextException');
    }
  };
  const client: AwsJsonApi = {
    call: async (operation, input) => ({
      output: await answer(operation, input as Record<string, unknown>),
      $metadata: {},
    }),
  };
  return { client, sent };
};

describe('KmsKeyWrapper (fake client)', () => {
  it('asks GenerateDataKey for an AES_256 key under the configured key, with { kind } as encryption context', async () => {
    const { client, sent } = fakeKms();
    const dataKey = await new KmsKeyWrapper({ client, keyId: KEY_ARN }).generateDataKey('phone');
    expect(dataKey.plaintext).toHaveLength(32);
    expect(sent).toEqual([
      {
        name: 'GenerateDataKey',
        input: { KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: { kind: 'phone' } },
      },
    ]);
  });

  it('unwraps with Decrypt, pinning the key and repeating the encryption context', async () => {
    const { client, sent } = fakeKms();
    const wrapper = new KmsKeyWrapper({ client, keyId: KEY_ARN });
    const { plaintext, wrapped } = await wrapper.generateDataKey('citizen-id');
    expect(await wrapper.unwrapDataKey(wrapped, 'citizen-id')).toEqual(plaintext);
    expect(sent[1]).toEqual({
      name: 'Decrypt',
      input: { CiphertextBlob: wrapped.toString('base64'), KeyId: KEY_ARN, EncryptionContext: { kind: 'citizen-id' } },
    });
  });

  it('works end to end in the vault, and the key ARN survives the sealed format', async () => {
    const { client } = fakeKms();
    const vault = new PersonalDataVault({
      keyWrapper: new KmsKeyWrapper({ client, keyId: KEY_ARN }),
      indexKey: randomBytes(32),
    });
    const sealed = await vault.seal('name', '张三丰');
    expect(Buffer.from(sealed.split('.')[2] ?? '', 'base64url').toString()).toBe(KEY_ARN);
    expect(await vault.open(sealed)).toBe('张三丰');
  });

  it('reports a wrapped key presented with another kind as tampered', async () => {
    const { client } = fakeKms();
    const vault = new PersonalDataVault({
      keyWrapper: new KmsKeyWrapper({ client, keyId: KEY_ARN }),
      indexKey: randomBytes(32),
    });
    const sealed = await vault.seal('phone', '13812345678');
    const relabelled = sealed.replace('.phone.', '.name.') as SealedValue;
    await expect(vault.open(relabelled)).rejects.toMatchObject({ name: 'SealedValueError', problem: 'tampered' });
  });

  it('translates service errors, never leaking SDK types', async () => {
    const failing = (name: string) =>
      new KmsKeyWrapper({ client: { call: () => Promise.reject(awsError(name)) }, keyId: KEY_ARN });
    await expect(failing('ThrottlingException').generateDataKey('phone')).rejects.toThrow(KeyServiceError);
    await expect(failing('AccessDeniedException').unwrapDataKey(Buffer.alloc(8), 'phone')).rejects.toThrow(
      KeyServiceError,
    );
    await expect(failing('IncorrectKeyException').unwrapDataKey(Buffer.alloc(8), 'phone')).rejects.toMatchObject({
      problem: 'unknown-key',
    });
    await expect(failing('InvalidCiphertextException').unwrapDataKey(Buffer.alloc(8), 'phone')).rejects.toThrow(
      SealedValueError,
    );
  });

  it('refuses a response without a 256-bit data key', async () => {
    const wrapper = new KmsKeyWrapper({
      client: { call: async () => ({ output: { Plaintext: Buffer.alloc(16).toString('base64') }, $metadata: {} }) },
      keyId: KEY_ARN,
    });
    await expect(wrapper.generateDataKey('phone')).rejects.toThrow(KeyServiceError);
    await expect(wrapper.unwrapDataKey(Buffer.alloc(8), 'phone')).rejects.toThrow(KeyServiceError);
  });
});
