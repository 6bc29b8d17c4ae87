export { cachedKeySet } from './cached-key-set.ts';
export { generateCookieKey } from './cookie-key.ts';
export { createKeySet } from './create-key-set.ts';
export {
  KeySetConflictError,
  KeySetError,
  KeySetInvalidError,
  KeySetNotFoundError,
  KeySetStoreError,
  RotationTooEarlyError,
} from './errors.ts';
export { FileKeySetStore } from './file-key-set-store.ts';
export { cookieKeys, type PrivateJwks, type PublicJwks, providerJwks, publicJwks } from './jwks.ts';
export {
  type CookieKey,
  type KeySet,
  MAX_COOKIE_KEYS,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
  type SigningKey,
  type SigningKeyState,
} from './key-set.ts';
export type { KeySetStore, VersionedKeySet } from './key-set-store.ts';
export {
  type ChosenKeySetStore,
  IDENTITY_KEY_SET,
  type KeySetLocation,
  keySetStoreFromEnvironment,
} from './key-set-store-from-environment.ts';
export { summariseKeySet } from './key-set-summary.ts';
export { assertKeySetInvariants, parseKeySet } from './parse-key-set.ts';
export { type RotationOptions, rotateKeySet } from './rotate-key-set.ts';
export { SecretsManagerKeySetStore, type SecretsManagerKeySetStoreOptions } from './secrets-manager-key-set-store.ts';
