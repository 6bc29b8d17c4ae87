import { resolve } from 'node:path';
import { awsServiceClient } from '@platform/aws-json';
import { FileKeySetStore } from './file-key-set-store.ts';
import type { KeySetStore } from './key-set-store.ts';
import { SecretsManagerKeySetStore } from './secrets-manager-key-set-store.ts';

export interface ChosenKeySetStore {
  readonly store: KeySetStore;
  /** Where the set lives, for messages; no secret value. */
  readonly description: string;
}

/** Which key set: the variable naming its secret when deployed, and its file name under `<state>/keys/` locally. */
export interface KeySetLocation {
  readonly secretVariable: string;
  readonly fileName: string;
}

/** The identity provider's signing keys. */
export const IDENTITY_KEY_SET: KeySetLocation = {
  secretVariable: 'KEY_SET_SECRET_ID',
  fileName: 'identity-key-set.json',
};

/**
 * `KEY_SET_SECRET_ID` (or the `location`'s variable) set → the stack's Secrets Manager secret; otherwise the local
 * file `${LOCAL_STATE_DIR:-<repository>/.local}/keys/identity-key-set.json` (or the `location`'s file name).
 */
export const keySetStoreFromEnvironment = (
  environment: Record<string, string | undefined>,
  repositoryRoot: string,
  location: KeySetLocation = IDENTITY_KEY_SET,
): ChosenKeySetStore => {
  const secretId = environment[location.secretVariable];
  if (secretId) {
    return {
      store: new SecretsManagerKeySetStore({
        client: awsServiceClient('secretsmanager', environment as NodeJS.ProcessEnv),
        secretId,
      }),
      description: `Secrets Manager secret ${secretId}`,
    };
  }
  // As `npm start` resolves it, so both use the same folder.
  const stateDir = environment.LOCAL_STATE_DIR
    ? resolve(environment.LOCAL_STATE_DIR)
    : resolve(repositoryRoot, '.local');
  const path = resolve(stateDir, 'keys', location.fileName);
  return { store: new FileKeySetStore(path), description: `file ${path}` };
};
