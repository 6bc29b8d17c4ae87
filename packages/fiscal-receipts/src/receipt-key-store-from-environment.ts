import { type ChosenKeySetStore, keySetStoreFromEnvironment } from '@platform/signing-keys';

/**
 * `RECEIPT_KEY_SET_SECRET_ID` set → the payments stack's Secrets Manager secret (created empty; an operator runs
 * `keys init` against it once); otherwise the local file `${LOCAL_STATE_DIR:-<repository>/.local}/keys/
 * receipt-key-set.json`, created on first use with mode 0600.
 */
export const receiptKeyStoreFromEnvironment = (
  environment: Record<string, string | undefined>,
  repositoryRoot = process.cwd(),
): ChosenKeySetStore => {
  // In Lambda a local file would be a fresh key per instance: receipts no one could verify a minute later. (The
  // local runtime names its functions too, and says it is local.)
  if (
    !environment.RECEIPT_KEY_SET_SECRET_ID &&
    environment.AWS_LAMBDA_FUNCTION_NAME &&
    environment.PLATFORM_LOCAL !== 'true'
  ) {
    throw new Error('RECEIPT_KEY_SET_SECRET_ID is not set: a deployed function must sign with the stack secret.');
  }
  return keySetStoreFromEnvironment(environment, repositoryRoot, {
    secretVariable: 'RECEIPT_KEY_SET_SECRET_ID',
    fileName: 'receipt-key-set.json',
  });
};
