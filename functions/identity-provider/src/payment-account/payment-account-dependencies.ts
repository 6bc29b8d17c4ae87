import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import {
  createAuditTrail,
  createDynamoDbAuditEventStore,
  createDynamoDbRealNameAccounts,
  createRealNameService,
} from '@platform/real-name';
import { createDynamoDbAlipayCheckOutcomeStore } from '../alipay/alipay-check-outcome.ts';
import { alipayPaymentAccountFromEnvironment } from '../alipay/alipay-from-environment.ts';
import { createDynamoDbPendingAuthorisationStore } from '../alipay/pending-authorisation.ts';
import { loadIdentitySecrets } from '../identity-secrets.ts';
import { identityPersonalDataVault, realNameAttemptGuard } from '../real-name-parts.ts';
import type { AlipayReturnDependencies } from './alipay-return.ts';

/** This function runs payment-account checks only; the registry and the carrier are the provider's. */
const notHere = (check: string) => () => {
  throw new Error(`identity-payment-account runs no ${check} check: the identity provider does.`);
};

/**
 * What the identity-payment-account function needs: the Alipay login app with its key (alipay-from-environment.ts:
 * `IDENTITY_ALIPAY_URL` + `IDENTITY_ALIPAY_CREDENTIALS_FILE` locally, `IDENTITY_ALIPAY_GATEWAY_URL` +
 * `IDENTITY_ALIPAY_AUTHORISE_URL` + `IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID` deployed) and the real-name service built
 * as the provider builds it (the same vault, attempt guard, accounts and audit trail on the identity table).
 */
export const paymentAccountDependencies = async (
  env: NodeJS.ProcessEnv = process.env,
): Promise<AlipayReturnDependencies> => {
  const local = env.PLATFORM_LOCAL === 'true';
  const logger = createLogger({ fields: { fn: 'identity-payment-account' } });
  const documents = createDocumentClient(env);
  const tableName = requiredEnv('IDENTITY_TABLE', env);
  const paymentAccounts = await alipayPaymentAccountFromEnvironment(env);
  if (!paymentAccounts) {
    throw new Error(
      'identity-payment-account needs the Alipay login app: IDENTITY_ALIPAY_URL + IDENTITY_ALIPAY_CREDENTIALS_FILE (local) or IDENTITY_ALIPAY_GATEWAY_URL + IDENTITY_ALIPAY_AUTHORISE_URL + IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID.',
    );
  }
  const secrets = await loadIdentitySecrets(env);
  const vault = await identityPersonalDataVault(env, local, secrets);
  const realName = createRealNameService({
    registry: { checkIdentity: notHere('population registry') },
    carrier: { checkThreeFactors: notHere('carrier') },
    guard: realNameAttemptGuard(documents, tableName, secrets),
    audit: createAuditTrail({ store: createDynamoDbAuditEventStore({ documents, tableName }), logger }),
    vault,
    accounts: createDynamoDbRealNameAccounts({ documents, tableName }),
    paymentAccounts,
    logger: logger.child({ component: 'real-name' }),
  });
  return {
    realName,
    pending: createDynamoDbPendingAuthorisationStore({ documents, tableName }),
    outcomes: createDynamoDbAlipayCheckOutcomeStore({ documents, tableName }),
    logger,
  };
};
