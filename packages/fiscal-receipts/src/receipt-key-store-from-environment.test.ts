import { describe, expect, it } from 'vitest';
import { receiptKeyStoreFromEnvironment } from './receipt-key-store-from-environment.ts';

describe('the receipt key store from the environment', () => {
  it('is the stack secret when RECEIPT_KEY_SET_SECRET_ID is set', () => {
    expect(
      receiptKeyStoreFromEnvironment({ RECEIPT_KEY_SET_SECRET_ID: 'arn:secret', AWS_REGION: 'cn-north-1' }).description,
    ).toBe('Secrets Manager secret arn:secret');
  });

  it('is a file under LOCAL_STATE_DIR locally, also in the local runtime', () => {
    expect(receiptKeyStoreFromEnvironment({ LOCAL_STATE_DIR: '/tmp/state' }).description).toBe(
      'file /tmp/state/keys/receipt-key-set.json',
    );
    expect(
      receiptKeyStoreFromEnvironment({ LOCAL_STATE_DIR: '/s', AWS_LAMBDA_FUNCTION_NAME: 'x', PLATFORM_LOCAL: 'true' })
        .description,
    ).toBe('file /s/keys/receipt-key-set.json');
  });

  it('refuses a deployed function without the secret: it would sign with a key of its own', () => {
    expect(() => receiptKeyStoreFromEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'payments-receipts' })).toThrow(
      /RECEIPT_KEY_SET_SECRET_ID/,
    );
  });
});
