import { randomUUID } from 'node:crypto';
import type { AwsJsonApi } from '@platform/aws-json';
import { KeySetConflictError, KeySetInvalidError, KeySetNotFoundError, KeySetStoreError } from './errors.ts';
import type { KeySet } from './key-set.ts';
import type { KeySetStore, VersionedKeySet } from './key-set-store.ts';
import { parseKeySet } from './parse-key-set.ts';

export interface SecretsManagerKeySetStoreOptions {
  /** Secrets Manager's JSON API (`awsServiceClient('secretsmanager')`). */
  readonly client: AwsJsonApi;
  /** Name or ARN of the identity stack's key-set secret. */
  readonly secretId: string;
}

/** Label of a written-but-not-yet-current version during a conditional save. */
const PENDING_STAGE = 'KEYSET_PENDING';

/**
 * The key set as the JSON value of one Secrets Manager secret. Secrets Manager encrypts it with the identity
 * stack's customer-managed KMS key (the secret's `KmsKeyId`), so reading it needs both
 * `secretsmanager:GetSecretValue` and `kms:Decrypt` on that key; the signing Lambda gets only those.
 * NOT exercised against AWS here: unit-tested with a fake client that checks the requests' shape.
 */
export class SecretsManagerKeySetStore implements KeySetStore {
  readonly #client: AwsJsonApi;
  readonly #secretId: string;

  constructor({ client, secretId }: SecretsManagerKeySetStoreOptions) {
    if (!secretId) throw new TypeError('secretId is required');
    this.#client = client;
    this.#secretId = secretId;
  }

  async load(): Promise<KeySet> {
    return (await this.loadVersioned()).set;
  }

  async loadVersioned(): Promise<VersionedKeySet> {
    const output = await this.#call('read', 'GetSecretValue', { SecretId: this.#secretId });
    if (typeof output.SecretString !== 'string' || typeof output.VersionId !== 'string') {
      throw new KeySetInvalidError(`secret ${this.#secretId} has no string value`);
    }
    let json: unknown;
    try {
      json = JSON.parse(output.SecretString);
    } catch (error) {
      throw new KeySetInvalidError(`secret ${this.#secretId} is not JSON`, { cause: error });
    }
    return { set: parseKeySet(json), version: output.VersionId };
  }

  async save(set: KeySet, expectedVersion?: string): Promise<string> {
    const SecretString = JSON.stringify(set);
    // A fresh token per save: the SDK would retry with the same one, so a retried write is not a second version.
    const ClientRequestToken = randomUUID();
    if (expectedVersion === undefined) {
      const put = { SecretId: this.#secretId, SecretString, ClientRequestToken };
      return this.#versionOf(await this.#call('write', 'PutSecretValue', put));
    }
    // Conditional write in two steps, because PutSecretValue has no condition: store the new version under a
    // private label, then move AWSCURRENT to it *from* the version we read. UpdateSecretVersionStage fails if
    // AWSCURRENT is no longer on RemoveFromVersionId, so a concurrent rotation is never overwritten; the
    // orphaned pending version is harmless (not current) and its label moves on at the next save.
    const put = { SecretId: this.#secretId, SecretString, ClientRequestToken, VersionStages: [PENDING_STAGE] };
    const version = this.#versionOf(await this.#call('write', 'PutSecretValue', put));
    const promote = {
      SecretId: this.#secretId,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: version,
      RemoveFromVersionId: expectedVersion,
    };
    await this.#call('write', 'UpdateSecretVersionStage', promote, 'InvalidParameterException');
    return version;
  }

  #versionOf(output: Record<string, unknown>): string {
    if (typeof output.VersionId !== 'string')
      throw new KeySetStoreError(`secret ${this.#secretId}: no VersionId returned`);
    return output.VersionId;
  }

  /** Translates service errors here, so no AWS error reaches callers. */
  async #call(
    action: 'read' | 'write',
    operation: string,
    input: Record<string, unknown>,
    conflictError?: string,
  ): Promise<Record<string, unknown>> {
    try {
      return (await this.#client.call(operation, input)).output;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ResourceNotFoundException') {
        throw new KeySetNotFoundError(`secret ${this.#secretId} holds no key set yet; run \`keys init\``, {
          cause: error,
        });
      }
      if (name === conflictError) {
        throw new KeySetConflictError(`secret ${this.#secretId} changed since it was read; load it again and retry`, {
          cause: error,
        });
      }
      throw new KeySetStoreError(`cannot ${action} secret ${this.#secretId}: ${name}`, { cause: error });
    }
  }
}
