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
}

export type FunctionNeed = keyof FunctionNeeds;

/** What `identityProviderDependencies()` (functions/identity-provider/src/dependencies.ts) reads. */
const IDENTITY_PROVIDER_NEEDS: FunctionNeeds = {
  signingKeys: true,
  identitySecrets: true,
  sms: true,
  personalData: ['phone'],
};

export const FUNCTION_NEEDS: Readonly<Record<string, FunctionNeeds>> = {
  'identity-provider': IDENTITY_PROVIDER_NEEDS,
  // Builds the same dependencies as the provider (each retry signs a fresh logout token).
  'identity-logout-retry': IDENTITY_PROVIDER_NEEDS,
};

/** The context whose stack holds what a need refers to; a function of another context may not ask for it. */
export const NEED_OWNERS: Readonly<Record<FunctionNeed, BoundedContext>> = {
  signingKeys: 'identity',
  identitySecrets: 'identity',
  sms: 'identity',
  personalData: 'identity',
};

/** Environment variables, as the function reads them. */
export const RESOURCE_VARIABLES = {
  keySetSecret: 'KEY_SET_SECRET_ID',
  identitySecrets: 'IDENTITY_SECRETS_ID',
  smsSecret: 'SMS_SECRET_ID',
  smsSignName: 'SMS_SIGN_NAME',
  smsTemplateCode: 'SMS_TEMPLATE_CODE',
  personalDataKey: 'PERSONAL_DATA_KEY_ID',
} as const;

/** The JSON fields of each operator-filled secret (none of them is ever set by the stack). */
export const SECRET_FIELDS = {
  identitySecrets: ['otpBlindIndexKey', 'otpCodeHashKey', 'pairwiseSalt', 'personalDataIndexKey'],
  smsSecret: ['accessKeyId', 'accessKeySecret'],
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
      if (NEED_OWNERS[need] !== definition.context) throw new ForeignResourceError(definition, need, NEED_OWNERS[need]);
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
