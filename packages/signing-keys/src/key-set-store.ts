import type { KeySet } from './key-set.ts';

/** A key set together with the store's version of it, for an optimistic-concurrency `save`. */
export interface VersionedKeySet {
  readonly set: KeySet;
  /** Opaque to callers: a content hash for the file store, the secret's VersionId for Secrets Manager. */
  readonly version: string;
}

/**
 * Where the identity provider's key set lives. Adapters: {@link FileKeySetStore} (local runs) and
 * {@link SecretsManagerKeySetStore} (the stack). Errors are this package's `KeySetError`s, never SDK types.
 */
export interface KeySetStore {
  /**
   * The stored key set, validated. The file store creates one on first use; Secrets Manager throws
   * `KeySetNotFoundError` (the signing Lambda only reads: creating keys is an operator's act, `keys init`).
   */
  load(): Promise<KeySet>;

  /** As `load`, with the version to pass to `save` so that a concurrent rotation is not overwritten. */
  loadVersioned(): Promise<VersionedKeySet>;

  /**
   * Replaces the stored key set and resolves with the new version. With `expectedVersion`, throws
   * `KeySetConflictError` instead of writing if the stored version is no longer that one. Without it, writes
   * unconditionally (only for the very first key set).
   */
  save(set: KeySet, expectedVersion?: string): Promise<string>;
}
