import { readJsonSecret } from '@platform/aws-json';
import type { DocumentClient } from '@platform/dynamodb';
import { requiredEnv } from '@platform/dynamodb';
import { DynamoDbFiscalReceiptStore, receiptNumberFor } from '@platform/fiscal-receipts';
import { paymentsBlindIndexFromEnvironment } from '@platform/personal-data';
import { loadWebSignInKeysFile, parseWebSignInKeys, WebSignIn, type WebSignInKeys } from '@platform/web-sign-in';
import type { PayerArea } from './payer-area.ts';
import { payerProfileOf } from './payer-profile.ts';

/**
 * L2 (real name verified by ID number + name, or better): the provider holds a verified ID number to release only
 * from there on, and steps a person signed in by phone alone up instead of failing. Companies signing in with a
 * certificate are at L4 already.
 */
export const PAYER_ACR_VALUES = 'urn:platform:loa:2';

const signInKeys = (env: NodeJS.ProcessEnv) => async (): Promise<WebSignInKeys> => {
  if (env.PLATFORM_LOCAL === 'true') return loadWebSignInKeysFile(requiredEnv('PAYER_SIGN_IN_KEYS_FILE', env));
  const secretId = requiredEnv('PAYER_SIGN_IN_SECRET_ID', env);
  return parseWebSignInKeys(JSON.stringify(await readJsonSecret(secretId)), `secret ${secretId}`);
};

/**
 * The payer pages' sign-in, built from the environment; undefined when `PAYER_SIGN_IN_CLIENT_ID` is not set (the
 * pages then say sign-in is unavailable, and the cashier by payment code works as before).
 *
 * | variable                  | where    | what                                                                  |
 * | ------------------------- | -------- | --------------------------------------------------------------------- |
 * | `PAYER_SIGN_IN_CLIENT_ID` | always   | the pages' client id at the identity provider (`payer-pages` locally) |
 * | `IDENTITY_URL`            | always   | the issuer                                                            |
 * | `PAYER_SIGN_IN_KEYS_FILE` | local    | `{ clientPrivateJwk, cookieKey }`, written by the local runtime (0600) |
 * | `PAYER_SIGN_IN_SECRET_ID` | deployed | the same JSON in Secrets Manager                                      |
 * | `PAYMENTS_SECRETS_ID`     | deployed | `personalDataIndexKey`, to find the payer's notices                   |
 */
export const payerAreaFromEnvironment = (
  env: NodeJS.ProcessEnv,
  payments: { readonly paymentsUrl: string; readonly documents: DocumentClient; readonly tableName: string },
): PayerArea | undefined => {
  const clientId = env.PAYER_SIGN_IN_CLIENT_ID;
  if (!clientId) return undefined;
  const { paymentsUrl } = payments;
  const receipts = new DynamoDbFiscalReceiptStore({ documents: payments.documents, tableName: payments.tableName });
  return {
    // The receipt number follows from the paid notice; a receipt is linked once it has been issued.
    receiptNumberOf: async (notice) => {
      const receiptNumber = receiptNumberFor(notice);
      const receipt = await receipts.get(receiptNumber);
      return receipt ? { receiptNumber, verificationCode: receipt.verificationCode } : undefined;
    },
    signIn: new WebSignIn({
      issuer: requiredEnv('IDENTITY_URL', env).replace(/\/+$/, ''),
      clientId,
      redirectUri: `${paymentsUrl}/my/callback`,
      postLogoutRedirectUri: `${paymentsUrl}/my`,
      scope: 'openid profile idcard enterprise',
      acrValues: PAYER_ACR_VALUES,
      keys: signInKeys(env),
      cookieName: 'payer',
      cookiePath: '/my',
      fetchUserInfo: true,
      profile: payerProfileOf(paymentsBlindIndexFromEnvironment(env)),
    }),
  };
};
