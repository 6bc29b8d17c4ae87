import { readJsonSecret, s3ObjectClient } from '@platform/aws-json';
import { createDocumentClient, requiredEnv } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { CHECKOUT_CHANNELS } from '@platform/payment-orders';
import { paymentsBlindIndexFromEnvironment } from '@platform/personal-data';
import { reconciliationFromEnvironment } from '@platform/reconciliation';
import { FinanceOfficerRegistry, refundHooksFromEnvironment, refundServiceFromEnvironment } from '@platform/refunds';
import { loadWebSignInKeysFile, parseWebSignInKeys, WebSignIn, type WebSignInKeys } from '@platform/web-sign-in';
import { inlineDownloads } from './downloads/report-download.ts';
import { s3Downloads } from './downloads/s3-downloads.ts';
import type { FinanceDependencies } from './finance-dependencies.ts';
import { officerProfileOf } from './officers/officer-profile.ts';

/** L2: the provider holds a verified ID number to release, and steps an officer signed in by phone alone up. */
export const OFFICER_ACR_VALUES = 'urn:platform:loa:2';

/** The console neither issues notices nor opens personal data: the notice repository gets no key. */
const noPersonalData = (): never => {
  throw new Error('payments-finance neither records payers nor opens personal data.');
};

const signInKeys = (env: NodeJS.ProcessEnv) => async (): Promise<WebSignInKeys> => {
  if (env.PLATFORM_LOCAL === 'true') return loadWebSignInKeysFile(requiredEnv('FINANCE_SIGN_IN_KEYS_FILE', env));
  const secretId = requiredEnv('FINANCE_SIGN_IN_SECRET_ID', env);
  return parseWebSignInKeys(JSON.stringify(await readJsonSecret(secretId)), `secret ${secretId}`);
};

/**
 * The console's dependencies from the environment:
 *
 * | variable                    | where    | what                                                                    |
 * | --------------------------- | -------- | ----------------------------------------------------------------------- |
 * | `FINANCE_SIGN_IN_CLIENT_ID` | always   | the console's client id at the identity provider (`finance-console`)    |
 * | `IDENTITY_URL`, `PAYMENTS_URL` | always | the issuer; the console's own origin (redirect URIs)                   |
 * | `PAYMENTS_TABLE`            | always   | runs, discrepancies, refunds, officers                                  |
 * | `FINANCE_SIGN_IN_KEYS_FILE` | local    | `{ clientPrivateJwk, cookieKey }`, written by the local runtime (0600)  |
 * | `FINANCE_SIGN_IN_SECRET_ID` | deployed | the same JSON in Secrets Manager                                        |
 * | `PAYMENTS_SECRETS_ID`       | deployed | `personalDataIndexKey`: the officer's blind index                       |
 * | `REPORT_EXPORTS_BUCKET`     | deployed | report downloads, handed out by presigned URL (`downloads/`)           |
 * | channel variables, `DEPARTMENT_EVENTS_QUEUE_URL`, receipt keys | | the refund's execution and hooks (`@platform/refunds`) |
 */
export const financeDependencies = (env: NodeJS.ProcessEnv = process.env): FinanceDependencies => {
  const tableName = requiredEnv('PAYMENTS_TABLE', env);
  const documents = createDocumentClient(env);
  const logger = createLogger({ fields: { fn: 'payments-finance' } });
  const blindIndex = paymentsBlindIndexFromEnvironment(env);
  const index = (idNumber: string) => blindIndex('citizen-id', idNumber);
  const officers = new FinanceOfficerRegistry({
    documents,
    tableName,
    officerIndex: () => noPersonalData(),
  });
  const findOfficer = (officerIndex: string) => officers.find(officerIndex);
  const paymentsUrl = requiredEnv('PAYMENTS_URL', env).replace(/\/+$/, '');
  const identityUrl = requiredEnv('IDENTITY_URL', env).replace(/\/+$/, '');
  const reconciliation = reconciliationFromEnvironment(env);
  const notices = new DynamoDbPaymentNoticeRepository({
    documents,
    tableName,
    seal: noPersonalData,
    payerIndex: noPersonalData,
  });
  return {
    signIn: new WebSignIn({
      issuer: identityUrl,
      clientId: requiredEnv('FINANCE_SIGN_IN_CLIENT_ID', env),
      redirectUri: `${paymentsUrl}/finance/callback`,
      postLogoutRedirectUri: `${paymentsUrl}/finance`,
      scope: 'openid idcard',
      acrValues: OFFICER_ACR_VALUES,
      keys: signInKeys(env),
      cookieName: 'finance',
      cookiePath: '/finance',
      fetchUserInfo: true,
      profile: officerProfileOf(index, findOfficer),
    }),
    findOfficer,
    runs: reconciliation.reconcile.runs,
    discrepancies: reconciliation.discrepancies,
    refunds: refundServiceFromEnvironment({
      env,
      documents,
      tableName,
      notices,
      officerIndex: () => noPersonalData(),
      logger,
      hooks: refundHooksFromEnvironment(env, notices, documents),
    }),
    channels: CHECKOUT_CHANNELS,
    deliverDownload: env.REPORT_EXPORTS_BUCKET
      ? s3Downloads({ s3: s3ObjectClient(env), bucket: env.REPORT_EXPORTS_BUCKET })
      : inlineDownloads,
    identityOrigin: new URL(identityUrl).origin,
    logger,
    now: () => new Date(),
  };
};
