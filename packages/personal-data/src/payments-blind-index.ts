import { readJsonSecret } from '@platform/aws-json';
import { BlindIndex } from './blind-index.ts';
import { loadLocalVaultKeys } from './local-vault-keys.ts';
import type { PersonalDataKind } from './personal-data-kind.ts';

export type BlindIndexer = (kind: PersonalDataKind, value: string) => Promise<string>;

/**
 * `personalDataIndexKey` of the payments secret (set by an operator, never by the stack; the same value as the
 * identity provider's, so that both contexts compute the same index of a payer): at least 32 bytes, base64url.
 */
export const loadPaymentsIndexKey = async (secretId: string): Promise<Buffer> => {
  const value = await readJsonSecret(secretId);
  const key =
    typeof value.personalDataIndexKey === 'string' ? Buffer.from(value.personalDataIndexKey, 'base64url') : undefined;
  if (!key || key.length < 32) {
    throw new Error(`secret ${secretId}: "personalDataIndexKey" must be at least 32 bytes, base64url`);
  }
  return key;
};

/**
 * The blind index of an identifier as the payments context computes it — notices store it for their payer, the payer
 * pages look notices up by it, the finance console finds an officer by it — with the index key only, never the
 * master key: whoever uses this opens nothing. Local: the shared key file under `LOCAL_STATE_DIR`. Deployed:
 * `personalDataIndexKey` of the payments secret `PAYMENTS_SECRETS_ID` (at least 32 bytes, base64url), read once on
 * first use; a failed read is tried again on the next call.
 */
export const paymentsBlindIndexFromEnvironment = (env: NodeJS.ProcessEnv): BlindIndexer => {
  const load = async (): Promise<BlindIndex> => {
    if (env.PLATFORM_LOCAL === 'true') {
      const stateDir = env.LOCAL_STATE_DIR;
      if (!stateDir) throw new Error('LOCAL_STATE_DIR is not set: the local runtime sets it.');
      return new BlindIndex((await loadLocalVaultKeys(stateDir)).indexKey);
    }
    const secretId = env.PAYMENTS_SECRETS_ID;
    if (!secretId) throw new Error("PAYMENTS_SECRETS_ID is not set: the function's stack sets it.");
    return new BlindIndex(await loadPaymentsIndexKey(secretId));
  };
  let index: Promise<BlindIndex> | undefined;
  return async (kind, value) => {
    index ??= load().catch((error: unknown) => {
      index = undefined;
      throw error;
    });
    return (await index).compute(kind, value);
  };
};
