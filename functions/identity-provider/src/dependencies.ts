import { readJsonSecret } from '@platform/aws-json';
import { createDocumentClient, type DocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import {
  createDynamoDbAdapterFactory,
  DynamoDbReplayDetectionAdapter,
  REPLAY_DETECTION_MODEL,
} from '@platform/oidc-storage';
import type { SealedValue } from '@platform/personal-data';
import {
  createAliyunSmsSender,
  createDynamoDbOtpStore,
  createPhoneSignIn,
  createSandboxSmsSender,
  type SmsSender,
} from '@platform/phone-otp';
import { PortalRegistry } from '@platform/portal-registry';
import {
  createAuditTrail,
  createDynamoDbAuditEventStore,
  createDynamoDbRealNameAccounts,
  createRealNameService,
  createSandboxCarrierVerifier,
  createSandboxPopulationRegistry,
} from '@platform/real-name';
import { cookieKeys, keySetStoreFromEnvironment, providerJwks } from '@platform/signing-keys';
import { createDynamoDbRealNameProfiles } from './account/real-name-profile.ts';
import type { PhoneProtector } from './accounts/account.ts';
import { createDynamoDbAccountStore } from './accounts/dynamodb-account-store.ts';
import { createFindAccount } from './accounts/find-account.ts';
import { alipayAuthorisationFromEnvironment } from './alipay/alipay-authorisation-from-environment.ts';
import { createDynamoDbAlipayCheckOutcomeStore } from './alipay/alipay-check-outcome.ts';
import { createDynamoDbPendingAuthorisationStore } from './alipay/pending-authorisation.ts';
import { enterpriseCertificateSignIn } from './certificates/enterprise-certificate-sign-in.ts';
import type { IdentityAppDependencies, SandboxOutbox } from './identity-app.ts';
import { IdentitySecretsError, loadIdentitySecrets } from './identity-secrets.ts';
import { phoneSignInAdapter } from './interactions/phone-sign-in-adapter.ts';
import { createDynamoDbLegalPersonStore } from './legal-persons/dynamodb-legal-person-store.ts';
import type { UsccProtector } from './legal-persons/legal-person.ts';
import { createDynamoDbLogoutDeliveryStore } from './logout/dynamodb-logout-delivery-store.ts';
import { createDynamoDbOperatorGrantStore } from './operators/dynamodb-operator-grant-store.ts';
import { createDynamoDbOperatorSelections } from './operators/operator-selection.ts';
import { createOperatorService } from './operators/operator-service.ts';
import { platformAdapter } from './provider/client-adapter.ts';
import { createProvider } from './provider/create-provider.ts';
import { createFindSubject } from './provider/find-subject.ts';
import { deployedRealNameChecks } from './real-name/deployed-real-name-checks.ts';
import { identityPersonalDataVault, realNameAttemptGuard } from './real-name-parts.ts';

const secretKey = (base64url: string) => Buffer.from(base64url, 'base64url');

/**
 * Deployed: Alibaba Cloud SMS, its access key read from the stack's secret. Local: the sandbox, readable at
 * GET /_sandbox/sms.
 */
const smsSender = async (
  env: NodeJS.ProcessEnv,
  local: boolean,
): Promise<{ sms: SmsSender; outbox?: SandboxOutbox }> => {
  if (local) {
    const sandbox = createSandboxSmsSender();
    return { sms: sandbox, outbox: { list: (phone) => sandbox.list(phone ? { phone } : {}) } };
  }
  const accessKey = await readJsonSecret(requiredEnv('SMS_SECRET_ID', env));
  if (typeof accessKey.accessKeyId !== 'string' || typeof accessKey.accessKeySecret !== 'string') {
    throw new IdentitySecretsError('the SMS secret must hold {"accessKeyId": …, "accessKeySecret": …}');
  }
  return {
    sms: createAliyunSmsSender({
      accessKeyId: accessKey.accessKeyId,
      accessKeySecret: accessKey.accessKeySecret,
      signName: requiredEnv('SMS_SIGN_NAME', env),
      templateCode: requiredEnv('SMS_TEMPLATE_CODE', env),
    }),
  };
};

/**
 * oidc-provider's storage: portals from the registry, replay checks as one conditional write each, every other
 * model in the identity table.
 */
const oidcAdapter = (documents: DocumentClient, tableName: string) => {
  const records = createDynamoDbAdapterFactory({ documents, tableName });
  const replays = new DynamoDbReplayDetectionAdapter({
    documents,
    tableName,
    fallback: new records(REPLAY_DETECTION_MODEL),
  });
  return platformAdapter(
    records,
    new PortalRegistry({ documents, tableName }),
    {},
    {
      [REPLAY_DETECTION_MODEL]: replays,
    },
  );
};

/**
 * Everything the identity function needs, built once per instance from its environment. A key set change (rotation)
 * reaches an instance when it is next started; that is safe because a new key is published as `next` well before it
 * signs, and a retired key stays published longer than any instance lives.
 */
export const identityProviderDependencies = async (
  env: NodeJS.ProcessEnv = process.env,
): Promise<IdentityAppDependencies> => {
  const local = env.PLATFORM_LOCAL === 'true';
  const logger = createLogger({ fields: { fn: 'identity-provider' } });
  const documents = createDocumentClient(env);
  const tableName = requiredEnv('IDENTITY_TABLE', env);
  const issuer = requiredEnv('IDENTITY_URL', env);

  const [keySet, secrets] = await Promise.all([
    keySetStoreFromEnvironment(env, process.cwd()).store.load(),
    loadIdentitySecrets(env),
  ]);
  const [vault, { sms, outbox }] = await Promise.all([
    identityPersonalDataVault(env, local, secrets),
    smsSender(env, local),
  ]);

  const phones: PhoneProtector = {
    seal: (phone) => vault.seal('phone', phone),
    open: (sealed) => vault.open(sealed as SealedValue, 'phone'),
    index: (phone) => vault.blindIndex('phone', phone),
  };
  const accounts = createDynamoDbAccountStore({ documents, tableName, phones });
  const usccs: UsccProtector = {
    seal: (uscc) => vault.seal('uscc', uscc),
    open: (sealed) => vault.open(sealed as SealedValue, 'uscc'),
    index: (uscc) => vault.blindIndex('uscc', uscc),
  };
  const legalPersons = createDynamoDbLegalPersonStore({ documents, tableName, usccs });
  // Locally the local runtime's test CA (`${LOCAL_STATE_DIR}/enterprise-ca/`); deployed the CAs of the secret named
  // by ENTERPRISE_CA_SECRET_ID. Neither: undefined, and the sign-in page does not offer certificates.
  const certificateSignIn = await enterpriseCertificateSignIn({
    env,
    local,
    documents,
    tableName,
    issuer,
    logger: logger.child({ component: 'enterprise-certificates' }),
  });
  const phoneSignIn = createPhoneSignIn({
    store: createDynamoDbOtpStore({ documents, tableName }),
    sms,
    blindIndexKey: secretKey(secrets.otpBlindIndexKey),
    codeHashKey: secretKey(secrets.otpCodeHashKey),
    logger: logger.child({ component: 'phone-otp' }),
  });

  const logoutDeliveries = createDynamoDbLogoutDeliveryStore({ documents, tableName });
  const realNameAccounts = createDynamoDbRealNameAccounts({ documents, tableName });
  const realNameProfiles = createDynamoDbRealNameProfiles({ documents, tableName });
  const audit = createAuditTrail({ store: createDynamoDbAuditEventStore({ documents, tableName }), logger });
  // Operators (经办人): grants keyed by the company and the blind index of the operator's ID number.
  const operatorGrants = createDynamoDbOperatorGrantStore({ documents, tableName });
  const operatorSelections = createDynamoDbOperatorSelections({ documents, tableName });
  const operators = createOperatorService({
    grants: operatorGrants,
    legalPersons,
    realNameAccounts,
    verifiedNameOf: async (sub) => {
      const sealed = (await realNameProfiles.get(sub))?.sealedName;
      return sealed ? vault.open(sealed as SealedValue, 'name') : undefined;
    },
    indexes: {
      citizenIndex: (citizenId) => vault.blindIndex('citizen-id', citizenId),
      nameIndex: (name) => vault.blindIndex('name', name),
    },
    audit,
  });
  // Locally the sandbox registry and carrier answer (seeded test people, packages/real-name/README.md). Deployed,
  // the registry and carrier the stage configures (`REAL_NAME_*`, deployed-real-name-checks.ts); none configured:
  // no real-name check is offered, and the step-up page says the level cannot be reached.
  // The Alipay login app's start only (the app id and authorise URL, alipay-authorisation-from-environment.ts): the
  // code exchange with alipay-sdk runs in the identity-payment-account function, which keeps this bundle small.
  const paymentAccounts = alipayAuthorisationFromEnvironment(env);
  const checks = local
    ? { registry: createSandboxPopulationRegistry(), carrier: createSandboxCarrierVerifier() }
    : await deployedRealNameChecks(env);
  const realName = checks
    ? createRealNameService({
        ...checks,
        guard: realNameAttemptGuard(documents, tableName, secrets),
        audit,
        vault,
        accounts: realNameAccounts,
        ...(paymentAccounts ? { paymentAccounts } : {}),
        logger: logger.child({ component: 'real-name' }),
      })
    : undefined;
  const provider = createProvider({
    issuer,
    adapter: oidcAdapter(documents, tableName),
    jwks: providerJwks(keySet) as never,
    cookieKeys: cookieKeys(keySet),
    findAccount: createFindSubject({
      naturalPersons: createFindAccount(accounts, phones),
      legalPersons,
      usccs,
      audit,
      logger,
      realNameProfiles,
      citizenData: {
        openCitizenId: (sealed) => vault.open(sealed as SealedValue, 'citizen-id'),
        openName: (sealed) => vault.open(sealed as SealedValue, 'name'),
      },
      operators: { selections: operatorSelections, service: operators, usccs, audit, logger },
    }),
    pairwiseSalt: secrets.pairwiseSalt,
    paymentsAudience: requiredEnv('PAYMENTS_URL', env),
    logger,
    allowLoopbackRequests: local,
    logoutDeliveries,
  });

  return {
    provider,
    phoneSignIn: phoneSignInAdapter(phoneSignIn),
    accounts,
    phones,
    realNameAccounts,
    realNameProfiles,
    audit,
    legalPersons,
    usccs,
    operators,
    operatorGrants,
    operatorSelections,
    ...(certificateSignIn ? { certificateSignIn } : {}),
    ...(realName ? { realName } : {}),
    alipayAuthorisations: createDynamoDbPendingAuthorisationStore({ documents, tableName }),
    alipayOutcomes: createDynamoDbAlipayCheckOutcomeStore({ documents, tableName }),
    logger,
    logoutDeliveries,
    secureCookies: !local,
    ...(outbox ? { sandboxOutbox: outbox } : {}),
  };
};
