import { hkdfSync } from 'node:crypto';
import { awsServiceClient } from '@platform/aws-json';
import { type DocumentClient, requiredEnv } from '@platform/dynamodb';
import { KmsKeyWrapper, localPersonalDataVault, PersonalDataVault } from '@platform/personal-data';
import { createAttemptGuard, createDynamoDbAttemptGuardStore, createNetworkIndex } from '@platform/real-name';
import type { IdentitySecrets } from './identity-secrets.ts';

const secretKey = (base64url: string) => Buffer.from(base64url, 'base64url');

/**
 * Built the same way by the provider and by the payment-account function, which both run real-name checks of one
 * subject: one vault (the same blind indexes and seals) and one attempt guard (the same counters and network index).
 */

/** Deployed: envelope encryption under the stack's KMS key. Local: keys under the state folder. */
export const identityPersonalDataVault = async (
  env: NodeJS.ProcessEnv,
  local: boolean,
  secrets: IdentitySecrets,
): Promise<PersonalDataVault> => {
  if (local) return localPersonalDataVault(requiredEnv('LOCAL_STATE_DIR', env));
  return new PersonalDataVault({
    keyWrapper: new KmsKeyWrapper({
      client: awsServiceClient('kms', env),
      keyId: requiredEnv('PERSONAL_DATA_KEY_ID', env),
    }),
    indexKey: secretKey(secrets.personalDataIndexKey),
  });
};

export const realNameAttemptGuard = (documents: DocumentClient, tableName: string, secrets: IdentitySecrets) =>
  createAttemptGuard({
    store: createDynamoDbAttemptGuardStore({ documents, tableName }),
    // Its own key, derived from the OTP index key, so the two indexes of one IP network differ.
    networkIndex: createNetworkIndex(
      new Uint8Array(hkdfSync('sha256', secretKey(secrets.otpBlindIndexKey), '', 'real-name-network-index', 32)),
    ),
  });
