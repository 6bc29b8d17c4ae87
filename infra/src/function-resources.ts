import {
  type BoundedContext,
  CONTEXTS,
  type DeploymentSettings,
  FUNCTIONS,
  type FunctionDefinition,
  type PublicDomain,
} from '@platform/topology';
import { ForeignResourceError, UnknownFunctionError } from './configuration-errors.ts';

/**
 * The kinds of personal data of `@platform/personal-data` (`PERSONAL_DATA_KINDS`), repeated here because infra does
 * not depend on that package. The kind is the KMS encryption context of every data key, so IAM can grant a function
 * some kinds and not others.
 */
export type PersonalDataKind = 'citizen-id' | 'phone' | 'uscc' | 'name';

/**
 * What a function gets from its stack besides its tables (which the topology names) and the public URLs (which
 * every function gets). Each entry is an environment variable holding an identifier (ARN), never a secret value, and
 * the least permission that makes it usable.
 *
 * Meant to become `FunctionDefinition.needs` in the topology; until then it is keyed by function id here.
 */
export interface FunctionNeeds {
  /** Reads the signing key set: `KEY_SET_SECRET_ID`. */
  readonly signingKeys?: boolean;
  /** Reads the identity provider's symmetric keys: `IDENTITY_SECRETS_ID`. */
  readonly identitySecrets?: boolean;
  /** Sends SMS through Alibaba Cloud: `SMS_SECRET_ID` (access key), `SMS_SIGN_NAME`, `SMS_TEMPLATE_CODE`. */
  readonly sms?: boolean;
  /** Seals and opens personal data of these kinds under the personal-data key: `PERSONAL_DATA_KEY_ID`. */
  readonly personalData?: readonly PersonalDataKind[];
  /** Stores and reads channel statements in the payments stack's statements bucket: `STATEMENTS_BUCKET`. */
  readonly statementsBucket?: boolean;
  /**
   * Hands report downloads out through the statements bucket (`exports/`, kept a day), by presigned URL:
   * `REPORT_EXPORTS_BUCKET`.
   */
  readonly reportExports?: boolean;
  /** Reads the finance bureau's receipt-signing key set (payments stack): `RECEIPT_KEY_SET_SECRET_ID`. */
  readonly receiptKeys?: boolean;
  /** Reads the payments context's index key `{personalDataIndexKey}`: `PAYMENTS_SECRETS_ID`. */
  readonly paymentsSecrets?: boolean;
  /** Signs payers in on the `/my` pages: `PAYER_SIGN_IN_CLIENT_ID`, `PAYER_SIGN_IN_SECRET_ID`. */
  readonly payerSignIn?: boolean;
  /** Signs finance officers in on the `/finance` console: `FINANCE_SIGN_IN_CLIENT_ID`, `FINANCE_SIGN_IN_SECRET_ID`. */
  readonly financeSignIn?: boolean;
  /**
   * Calls the stage's payment channels (`deployment.payments.channels`): per channel its URL and credentials secret,
   * `ALIPAY_URL` + `ALIPAY_CREDENTIALS_SECRET_ID`, `WECHAT_PAY_URL` + `WECHAT_PAY_CREDENTIALS_SECRET_ID`.
   */
  readonly channels?: boolean;
  /** Trusts the enterprise CAs of the secret `ENTERPRISE_CA_SECRET_ID`, where the stage offers certificates. */
  readonly enterpriseCa?: boolean;
  /**
   * Real-name checks where the stage configures them: `REAL_NAME_REGISTRY_URL`, `REAL_NAME_CARRIER_URL`,
   * `REAL_NAME_SECRET_ID`.
   */
  readonly realName?: boolean;
  /**
   * The Alipay login app where the stage configures it (with `realName`): `'authorise'` its id and authorise page
   * (`IDENTITY_ALIPAY_APP_ID`, `IDENTITY_ALIPAY_AUTHORISE_URL`: the provider starts the check without the keys);
   * `'exchange'` also its gateway and keys (`IDENTITY_ALIPAY_GATEWAY_URL`, `IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID`).
   */
  readonly alipayLogin?: 'authorise' | 'exchange';
}

export type FunctionNeed = keyof FunctionNeeds;

/** What `identityProviderDependencies()` (functions/identity-provider/src/dependencies.ts) reads. */
const IDENTITY_PROVIDER_NEEDS: FunctionNeeds = {
  signingKeys: true,
  identitySecrets: true,
  sms: true,
  // Phone numbers of accounts, USCCs of companies, ID numbers and names of real-name checks and operators.
  personalData: ['phone', 'uscc', 'citizen-id', 'name'],
  enterpriseCa: true,
  realName: true,
  alipayLogin: 'authorise',
};

export const FUNCTION_NEEDS: Readonly<Record<string, FunctionNeeds>> = {
  'identity-provider': IDENTITY_PROVIDER_NEEDS,
  // Builds the same dependencies as the provider (each retry signs a fresh logout token).
  'identity-logout-retry': IDENTITY_PROVIDER_NEEDS,
  // Back from Alipay: the login app's keys (held by no other function), and the real-name service's vault and
  // attempt guard (identity secrets), sealing the matched ID number and name.
  'identity-payment-account': {
    identitySecrets: true,
    personalData: ['citizen-id', 'name'],
    alipayLogin: 'exchange',
  },
  // Seals payers' and officers' ID numbers, names and USCCs on notices and refunds under the payments context's own
  // personal-data key and finds them by blind index (`PAYMENTS_SECRETS_ID`). It only requests and reads refunds
  // (`departmentRefundService`): the channels are called by the finance console and the refunds function, so it
  // holds no channel credentials.
  'payments-api': { personalData: ['citizen-id', 'uscc', 'name'], paymentsSecrets: true },
  // Downloads each channel's statement into the bucket and reads it back (packages/reconciliation).
  'payments-reconciliation': { statementsBucket: true, channels: true },
  // Verifies receipts and publishes their JWKS (packages/fiscal-receipts).
  'payments-receipts': { receiptKeys: true },
  // Issues the receipt of every payment it applies (`applyPayment` with `fiscalReceiptsFromEnvironment`); pays
  // through the channels; the `/my` pages sign payers in and find their notices by blind index only (they open no
  // sealed value, so no personal-data key).
  'payments-checkout': { receiptKeys: true, channels: true, payerSignIn: true, paymentsSecrets: true },
  // Queries and closes channel payments; it seals no personal data. It issues the receipts of payments it finds by
  // query.
  'payments-sweeper': { receiptKeys: true, channels: true },
  // Like the sweeper: the payments table and the channels; it records no payer and authorises no officer. Its hooks
  // credit receipts (`refundHooksFromEnvironment`).
  'payments-refunds': { receiptKeys: true, channels: true },
  // The finance console: officers' blind index (`PAYMENTS_SECRETS_ID`); a second approval executes the refund through
  // the channel and its hooks credit the receipt; `reconciliationFromEnvironment` needs the statements bucket; its
  // officers sign in as the console's client (`FINANCE_SIGN_IN_*`).
  'payments-finance': {
    paymentsSecrets: true,
    receiptKeys: true,
    channels: true,
    statementsBucket: true,
    reportExports: true,
    financeSignIn: true,
  },
};

/**
 * The context whose stack holds what a need refers to; a function of another context may not ask for it. `own`:
 * every context that needs it has one of its own (a personal-data key per context, so that a payments function can
 * open no identity record and the reverse).
 */
export const NEED_OWNERS: Readonly<Record<FunctionNeed, BoundedContext | 'own'>> = {
  signingKeys: 'identity',
  identitySecrets: 'identity',
  sms: 'identity',
  personalData: 'own',
  statementsBucket: 'payments',
  reportExports: 'payments',
  receiptKeys: 'payments',
  paymentsSecrets: 'payments',
  payerSignIn: 'payments',
  financeSignIn: 'payments',
  channels: 'payments',
  enterpriseCa: 'identity',
  realName: 'identity',
  alipayLogin: 'identity',
};

/** Environment variables, as the function reads them. */
export const RESOURCE_VARIABLES = {
  keySetSecret: 'KEY_SET_SECRET_ID',
  identitySecrets: 'IDENTITY_SECRETS_ID',
  smsSecret: 'SMS_SECRET_ID',
  smsSignName: 'SMS_SIGN_NAME',
  smsTemplateCode: 'SMS_TEMPLATE_CODE',
  personalDataKey: 'PERSONAL_DATA_KEY_ID',
  statementsBucket: 'STATEMENTS_BUCKET',
  reportExports: 'REPORT_EXPORTS_BUCKET',
  receiptKeySetSecret: 'RECEIPT_KEY_SET_SECRET_ID',
  paymentsSecrets: 'PAYMENTS_SECRETS_ID',
  payerSignInSecret: 'PAYER_SIGN_IN_SECRET_ID',
  payerSignInClientId: 'PAYER_SIGN_IN_CLIENT_ID',
  financeSignInSecret: 'FINANCE_SIGN_IN_SECRET_ID',
  financeSignInClientId: 'FINANCE_SIGN_IN_CLIENT_ID',
  enterpriseCaSecret: 'ENTERPRISE_CA_SECRET_ID',
  realNameSecret: 'REAL_NAME_SECRET_ID',
  realNameRegistryUrl: 'REAL_NAME_REGISTRY_URL',
  realNameCarrierUrl: 'REAL_NAME_CARRIER_URL',
  identityAlipaySecret: 'IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID',
  identityAlipayGatewayUrl: 'IDENTITY_ALIPAY_GATEWAY_URL',
  identityAlipayAuthoriseUrl: 'IDENTITY_ALIPAY_AUTHORISE_URL',
  identityAlipayAppId: 'IDENTITY_ALIPAY_APP_ID',
} as const;

/**
 * Per deployed channel: its URL and its credentials secret, as `@platform/payment-orders` (`CHANNEL_VARIABLES`)
 * reads them; the secret holds the same JSON as the local credentials file.
 */
export const CHANNEL_RESOURCE_VARIABLES = {
  alipay: { url: 'ALIPAY_URL', secret: 'ALIPAY_CREDENTIALS_SECRET_ID' },
  'wechat-pay': { url: 'WECHAT_PAY_URL', secret: 'WECHAT_PAY_CREDENTIALS_SECRET_ID' },
} as const;

export type DeployedChannel = keyof typeof CHANNEL_RESOURCE_VARIABLES;

/** The JSON fields of each operator-filled secret (none of them is ever set by the stack). */
export const SECRET_FIELDS = {
  identitySecrets: ['otpBlindIndexKey', 'otpCodeHashKey', 'pairwiseSalt', 'personalDataIndexKey'],
  smsSecret: ['accessKeyId', 'accessKeySecret'],
  paymentsSecrets: ['personalDataIndexKey'],
  payerSignInSecret: ['clientPrivateJwk', 'cookieKey'],
  financeSignInSecret: ['clientPrivateJwk', 'cookieKey'],
  enterpriseCaSecret: ['trustAnchors'],
  realNameSecret: ['registry', 'carrier'],
  identityAlipaySecret: ['appId', 'appPrivateKey', 'alipayPublicKey'],
  alipay: ['appId', 'sellerId', 'appPrivateKey', 'alipayPublicKey'],
  'wechat-pay': ['mchid', 'appid', 'merchantPrivateKey', 'merchantSerialNo', 'platformPublicKeys', 'apiV3Key'],
} as const;

export const needsOf = (definition: FunctionDefinition): FunctionNeeds => FUNCTION_NEEDS[definition.id] ?? {};

export const needNames = (needs: FunctionNeeds): FunctionNeed[] =>
  (Object.keys(needs) as FunctionNeed[]).filter((need) => {
    const value = needs[need];
    return Array.isArray(value) ? value.length > 0 : value === true;
  });

/** Refuses a needs entry for a function that does not exist, or a need owned by another context. */
export const checkFunctionNeeds = (
  entries: Readonly<Record<string, FunctionNeeds>> = FUNCTION_NEEDS,
  functions: readonly FunctionDefinition[] = FUNCTIONS,
): void => {
  for (const [id, needs] of Object.entries(entries)) {
    const definition = functions.find((fn) => fn.id === id);
    if (!definition) throw new UnknownFunctionError(id);
    for (const need of needNames(needs)) {
      const owner = NEED_OWNERS[need];
      if (owner !== 'own' && owner !== definition.context) throw new ForeignResourceError(definition, need, owner);
    }
  }
};

/** `IDENTITY_URL`, `PAYMENTS_URL`. */
export const publicUrlVariable = (context: BoundedContext): string => `${context.toUpperCase()}_URL`;

/** `https://id.dev.platform.example.gov.cn`: the issuer, or the payments API's resource indicator. No trailing slash. */
export const publicUrl = (domain: PublicDomain): string => `https://${domain.domainName}`;

export const publicUrlOf = (deployment: DeploymentSettings, context: BoundedContext): string =>
  publicUrl(deployment.domains[context]);

/** Every function knows every context's public URL: they are not secrets, and tokens name both. */
export const publicUrlEnvironment = (deployment: DeploymentSettings): Record<string, string> =>
  Object.fromEntries(CONTEXTS.map((context) => [publicUrlVariable(context), publicUrlOf(deployment, context)]));
