import { hkdfSync } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { createDynamoDbAdapterFactory } from '@platform/oidc-storage';
import { KmsKeyWrapper, localPersonalDataVault, PersonalDataVault, type SealedValue } from '@platform/personal-data';
import {
  createAliyunSmsSender,
  createDynamoDbOtpStore,
  createPhoneSignIn,
  createSandboxSmsSender,
  type SmsSender,
} from '@platform/phone-otp';
import { PortalRegistry } from '@platform/portal-registry';
import {
  createAttemptGuard,
  createAuditTrail,
  createDynamoDbAttemptGuardStore,
  createDynamoDbAuditEventStore,
  createDynamoDbRealNameAccounts,
  createNetworkIndex,
  createRealNameService,
  createSandboxCarrierVerifier,
  createSandboxPopulationRegistry,
} from '@platform/real-name';
import { cookieKeys, keySetStoreFromEnvironment, providerJwks } from '@platform/signing-keys';
import { createDynamoDbRealNameProfiles } from './account/real-name-profile.ts';
import type { PhoneProtector } from './accounts/account.ts';
import { createDynamoDbAccountStore } from './accounts/dynamodb-account-store.ts';
import { createFindAccount } from './accounts/find-account.ts';
import { enterpriseCertificateSignIn } from './certificates/enterprise-certificate-sign-in.ts';
import type { IdentityAppDependencies, SandboxOutbox } from './identity-app.ts';
import { type IdentitySecrets, IdentitySecretsError, loadIdentitySecrets, readJsonSecret } from './identity-secrets.ts';
import { phoneSignInAdapter } from './interactions/phone-sign-in-adapter.ts';
import { createDynamoDbLegalPersonStore } from './legal-persons/dynamodb-legal-person-store.ts';
import type { UsccProtector } from './legal-persons/legal-person.ts';
import { createDynamoDbLogoutDeliveryStore } from './logout/dynamodb-logout-delivery-store.ts';
import { platformAdapter } from './provider/client-adapter.ts';
import { createProvider } from './provider/create-provider.ts';
import { createFindSubject } from './provider/find-subject.ts';

const secretKey = (base64url: string) => Buffer.from(base64url, 'base64url');

/** Deployed: envelope encryption under the stack's KMS key. Local: keys under the state folder. */
const personalDataVault = async (
  env: NodeJS.ProcessEnv,
  local: boolean,
  secrets: IdentitySecrets,
): Promise<PersonalDataVault> => {
  if (local) return localPersonalDataVault(requiredEnv('LOCAL_STATE_DIR', env));
  return new PersonalDataVault({
    keyWrapper: new KmsKeyWrapper({ client: new KMSClient({}), keyId: requiredEnv('PERSONAL_DATA_KEY_ID', env) }),
    indexKey: secretKey(secrets.personalDataIndexKey),
  });
};

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
  const [vault, { sms, outbox }] = await Promise.all([personalDataVault(env, local, secrets), smsSender(env, local)]);

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
  // Locally the sandbox registry and carrier answer (seeded test people, packages/real-name/README.md). Deployed,
  // the real registry and carrier need their operators' contracts and credentials, not configured yet: no real-name
  // check is offered there, and the step-up page says the level cannot be reached.
  const realName = local
    ? createRealNameService({
        registry: createSandboxPopulationRegistry(),
        carrier: createSandboxCarrierVerifier(),
        guard: createAttemptGuard({
          store: createDynamoDbAttemptGuardStore({ documents, tableName }),
          // Its own key, derived from the OTP index key, so the two indexes of one IP network differ.
          networkIndex: createNetworkIndex(
            new Uint8Array(hkdfSync('sha256', secretKey(secrets.otpBlindIndexKey), '', 'real-name-network-index', 32)),
          ),
        }),
        audit,
        vault,
        accounts: realNameAccounts,
        logger: logger.child({ component: 'real-name' }),
      })
    : undefined;
  const provider = createProvider({
    issuer,
    adapter: platformAdapter(
      createDynamoDbAdapterFactory({ documents, tableName }),
      new PortalRegistry({ documents, tableName }),
    ),
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
    ...(certificateSignIn ? { certificateSignIn } : {}),
    ...(realName ? { realName } : {}),
    logger,
    logoutDeliveries,
    secureCookies: !local,
    ...(outbox ? { sandboxOutbox: outbox } : {}),
  };
};
