import { resolve } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FileKeySetStore } from './file-key-set-store.ts';
import type { KeySetStore } from './key-set-store.ts';
import { SecretsManagerKeySetStore } from './secrets-manager-key-set-store.ts';

export interface ChosenKeySetStore {
  readonly store: KeySetStore;
  /** Where the set lives, for messages; no secret value. */
  readonly description: string;
}

/**
 * `KEY_SET_SECRET_ID` set → the stack's Secrets Manager secret; otherwise the local file
 * `${LOCAL_STATE_DIR:-<repository>/.local}/keys/identity-key-set.json`.
 */
export const keySetStoreFromEnvironment = (
  environment: Record<string, string | undefined>,
  repositoryRoot: string,
): ChosenKeySetStore => {
  const secretId = environment.KEY_SET_SECRET_ID;
  if (secretId) {
    return {
      store: new SecretsManagerKeySetStore({ client: new SecretsManagerClient({}), secretId }),
      description: `Secrets Manager secret ${secretId}`,
    };
  }
  // As `npm start` resolves it, so both use the same folder.
  const stateDir = environment.LOCAL_STATE_DIR
    ? resolve(environment.LOCAL_STATE_DIR)
    : resolve(repositoryRoot, '.local');
  const path = resolve(stateDir, 'keys', 'identity-key-set.json');
  return { store: new FileKeySetStore(path), description: `file ${path}` };
};
