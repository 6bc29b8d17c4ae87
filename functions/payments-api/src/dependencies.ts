import { awsServiceClient } from '@platform/aws-json';
import { DynamoDbWebhookStore, QUEUE_VARIABLES, sqsWebhookQueueFromEnvironment } from '@platform/department-webhooks';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import {
  createStaticItemCatalogue,
  DynamoDbIdempotencyPersistence,
  DynamoDbPaymentNoticeRepository,
} from '@platform/payment-notices';
import {
  KmsKeyWrapper,
  loadPaymentsIndexKey,
  localPersonalDataVault,
  PersonalDataVault,
} from '@platform/personal-data';
import { departmentRefundService } from '@platform/refunds';
import { createRemoteJWKSet } from 'jose';
import type { PaymentsApiDependencies } from './api-dependencies.ts';
import { createAccessTokenVerifier } from './auth/access-token.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createDpopProofVerifier } from './auth/dpop-proof.ts';
import { createDynamoDbDpopProofReplayGuard } from './auth/dpop-proof-replay.ts';

/**
 * Deployed: envelope encryption under the personal-data KMS key, blind indexes under the index key from the
 * payments secret. Local: the same key file as every other function under `LOCAL_STATE_DIR`.
 */
const personalDataVault = async (env: NodeJS.ProcessEnv): Promise<PersonalDataVault> => {
  if (env.PLATFORM_LOCAL === 'true') return localPersonalDataVault(requiredEnv('LOCAL_STATE_DIR', env));
  return new PersonalDataVault({
    keyWrapper: new KmsKeyWrapper({
      client: awsServiceClient('kms', env),
      keyId: requiredEnv('PERSONAL_DATA_KEY_ID', env),
    }),
    indexKey: await loadPaymentsIndexKey(requiredEnv('PAYMENTS_SECRETS_ID', env)),
  });
};

/**
 * Everything the payments API needs, built once per instance from its environment:
 *
 * | variable               | where      | what                                                                     |
 * | ---------------------- | ---------- | ------------------------------------------------------------------------ |
 * | `PAYMENTS_TABLE`       | always     | the payments table (read/write)                                          |
 * | `IDENTITY_URL`         | always     | the token issuer; its `/jwks` verifies tokens, its `/token` issues them |
 * | `PAYMENTS_URL`         | always     | this API's public URL: the tokens' audience, DPoP `htu`, `Location`     |
 * | `PERSONAL_DATA_KEY_ID` | deployed   | ARN of the personal-data KMS key (citizen-id, uscc, name)               |
 * | `PAYMENTS_SECRETS_ID`  | deployed   | JSON secret `{ personalDataIndexKey }` (`loadPaymentsIndexKey`)          |
 * | `DEPARTMENT_EVENTS_QUEUE_URL`, `SQS_ENDPOINT` (local) | always | webhook replays, `notice.cancelled` events  |
 * | `PLATFORM_LOCAL`, `LOCAL_STATE_DIR`, `DYNAMODB_ENDPOINT` | local | local keys and DynamoDB Local              |
 */
export const paymentsApiDependencies = async (
  env: NodeJS.ProcessEnv = process.env,
): Promise<PaymentsApiDependencies> => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const identityUrl = requiredEnv('IDENTITY_URL', env).replace(/\/+$/, '');
  const paymentsUrl = requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, '');
  const documents = createDocumentClient(env);
  const vault = await personalDataVault(env);
  const authenticate = createAuthenticator({
    paymentsUrl,
    // Cached per instance: keys are fetched once, and again only when a token names an unknown key.
    verifyAccessToken: createAccessTokenVerifier({
      issuer: identityUrl,
      audience: paymentsUrl,
      keys: createRemoteJWKSet(new URL(`${identityUrl}/jwks`)),
    }),
    verifyDpopProof: createDpopProofVerifier({ replay: createDynamoDbDpopProofReplayGuard({ documents, tableName }) }),
  });
  const notices = new DynamoDbPaymentNoticeRepository({
    documents,
    tableName,
    seal: (kind, plaintext) => vault.seal(kind, plaintext),
    payerIndex: (kind, identifier) => vault.blindIndex(kind, identifier),
  });
  const logger = createLogger({ fields: { fn: 'payments-api' } });
  return {
    paymentsUrl,
    identityUrl,
    authenticate,
    notices,
    // Departments request and read refunds here; finance officers approve them through the finance console.
    // Department routes only request and read refunds: no channel, no final state here.
    refunds: departmentRefundService({
      documents,
      tableName,
      notices,
      officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
      logger,
    }),
    // The finance bureau's catalogue has no adapter yet: the seeded items stand in, deployed as locally.
    catalogue: createStaticItemCatalogue(),
    // The lease outlasts the function's 10 s timeout, so a live request is never overtaken.
    idempotency: new DynamoDbIdempotencyPersistence({ documents, tableName, leaseSeconds: 30 }),
    ...webhooksFromEnvironment(env, documents, tableName),
    now: () => new Date(),
    logger,
  };
};

/** The webhooks' store and the department-events queue (replays, `notice.cancelled`), where the queue is given. */
const webhooksFromEnvironment = (
  env: NodeJS.ProcessEnv,
  documents: ReturnType<typeof createDocumentClient>,
  tableName: string,
): Pick<PaymentsApiDependencies, 'webhooks' | 'events'> => {
  if (!env[QUEUE_VARIABLES.queueUrl]) return {};
  const queue = sqsWebhookQueueFromEnvironment(env);
  return { webhooks: { store: new DynamoDbWebhookStore({ documents, tableName }), queue }, events: queue };
};
