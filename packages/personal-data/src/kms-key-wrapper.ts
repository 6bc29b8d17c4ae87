import type { AwsJsonApi } from '@platform/aws-json';
import { KEY_BYTES } from './aes-gcm.ts';
import { KeyServiceError, SealedValueError } from './errors.ts';
import type { DataKey, KeyWrapper } from './key-wrapper.ts';
import type { PersonalDataKind } from './personal-data-kind.ts';

export interface KmsKeyWrapperOptions {
  /** KMS's JSON API (`awsServiceClient('kms')`). */
  readonly client: AwsJsonApi;
  /**
   * The symmetric customer-managed key's ARN. An ARN rather than an alias: the id is stored in every sealed
   * value and passed to Decrypt, and an alias can later point at another key.
   */
  readonly keyId: string;
}

/**
 * Data keys from AWS KMS: GenerateDataKey (AES_256) to seal, Decrypt to open, both with the encryption context
 * `{ kind }`, so a wrapped key only unwraps for the kind it was made for, and CloudTrail shows which kind of
 * personal data each Decrypt served. IAM can be narrowed with `kms:EncryptionContext:kind`.
 * NOT exercised against AWS here: unit-tested with a fake client that checks the requests' shape.
 */
export class KmsKeyWrapper implements KeyWrapper {
  readonly keyId: string;
  readonly #client: AwsJsonApi;

  constructor({ client, keyId }: KmsKeyWrapperOptions) {
    if (!keyId) throw new TypeError('keyId is required');
    this.#client = client;
    this.keyId = keyId;
  }

  async generateDataKey(kind: PersonalDataKind): Promise<DataKey> {
    const output = await this.#call('GenerateDataKey', {
      KeyId: this.keyId,
      KeySpec: 'AES_256',
      EncryptionContext: { kind },
    });
    const plaintext = blob(output.Plaintext);
    const wrapped = blob(output.CiphertextBlob);
    if (plaintext.length !== KEY_BYTES || wrapped.length === 0) {
      throw new KeyServiceError('KMS GenerateDataKey returned no 256-bit data key');
    }
    return { plaintext, wrapped };
  }

  async unwrapDataKey(wrapped: Buffer, kind: PersonalDataKind): Promise<Buffer> {
    // KeyId pins the key: KMS refuses a blob made under any other key instead of using whatever it names.
    const output = await this.#call('Decrypt', {
      CiphertextBlob: wrapped.toString('base64'),
      KeyId: this.keyId,
      EncryptionContext: { kind },
    });
    const plaintext = blob(output.Plaintext);
    if (plaintext.length !== KEY_BYTES) throw new KeyServiceError('KMS Decrypt returned no 256-bit data key');
    return plaintext;
  }

  /** Translates service errors here, so no AWS error reaches callers. */
  async #call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      return (await this.#client.call(operation, input)).output;
    } catch (error) {
      const name = (error as Error).name;
      // Altered blob, or the right blob with another kind's encryption context: both fail authentication.
      if (name === 'InvalidCiphertextException') {
        throw new SealedValueError('tampered', 'KMS rejected the wrapped data key', { cause: error });
      }
      if (name === 'IncorrectKeyException') {
        throw new SealedValueError('unknown-key', 'the wrapped data key belongs to another KMS key', { cause: error });
      }
      throw new KeyServiceError(`KMS request failed: ${name}`, { cause: error });
    }
  }
}

/** KMS's JSON protocol carries binary values in base64. */
const blob = (value: unknown): Buffer => (typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0));
