import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The payments API's one secret, deployed: the JSON secret `PAYMENTS_SECRETS_ID` in Secrets Manager, set by an
 * operator (never by the stack) to `{"personalDataIndexKey": "<32 random bytes, base64url>"}`.
 *
 * The index key must be the same value as the identity provider's `personalDataIndexKey`: a payer's blind index is
 * computed by whichever context meets the payer, and the payer's notices are found by it.
 */
export class PaymentsSecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentsSecretsError';
  }
}

export const loadPersonalDataIndexKey = async (
  secretId: string,
  client = new SecretsManagerClient({}),
): Promise<Buffer> => {
  const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!result.SecretString) throw new PaymentsSecretsError(`secret ${secretId} has no value yet`);
  const value = JSON.parse(result.SecretString) as { personalDataIndexKey?: unknown };
  const key =
    typeof value.personalDataIndexKey === 'string' ? Buffer.from(value.personalDataIndexKey, 'base64url') : undefined;
  if (!key || key.length < 32) {
    throw new PaymentsSecretsError(`secret ${secretId}: "personalDataIndexKey" must be at least 32 bytes, base64url`);
  }
  return key;
};
