import { RealNameError } from '@platform/real-name';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAlipayCheckOutcomeStore } from '../../functions/identity-provider/src/alipay/alipay-check-outcome.ts';
import { createDynamoDbPendingAuthorisationStore } from '../../functions/identity-provider/src/alipay/pending-authorisation.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/**
 * The two items of an Alipay round trip on the identity table: the pending authorisation (the provider writes it,
 * identity-payment-account takes it) and the check's outcome (identity-payment-account writes it, the provider takes
 * it). Both are single use and expire.
 */
describe('the Alipay round trip items (DynamoDB Local)', () => {
  let storage: TestStorage;
  const store = () => ({ documents: storage.documents, tableName: storage.tableNames.identity });

  beforeAll(async () => {
    storage = await createTestStorage();
  });

  it('keeps the portal and the session methods with the pending item, taken once', async () => {
    const pending = createDynamoDbPendingAuthorisationStore(store());
    const item = {
      uid: 'uid-1',
      sub: 'sub-1',
      claim: { citizenIndex: 'ci', nameIndex: 'ni', maskedCitizenId: '3101**********0234', maskedName: '*四' },
      portal: 'social-security',
      sessionMethods: ['sms' as const],
      expiresAtMs: Date.now() + 60_000,
    };
    await pending.save('state-pending-000001', item);
    expect(await pending.take('state-pending-000001', Date.now())).toEqual(item);
    expect(await pending.take('state-pending-000001', Date.now())).toBeUndefined();
  });

  it('gives an outcome back once, as it was stored, and not after it expired', async () => {
    const outcomes = createDynamoDbAlipayCheckOutcomeStore(store());
    const now = Date.now();
    const verified = {
      kind: 'verified' as const,
      outcome: {
        method: 'alipay' as const,
        verifiedMethods: new Set(['alipay' as const]),
        level: 2 as const,
        acr: 'urn:platform:loa:2' as const,
        newlyLinked: true,
      },
    };
    await outcomes.save('state-outcome-000001', {
      uid: 'uid-1',
      sub: 'sub-1',
      result: verified,
      expiresAtMs: now + 60_000,
    });
    expect(await outcomes.take('state-outcome-000001', now)).toEqual({
      uid: 'uid-1',
      sub: 'sub-1',
      result: verified,
      expiresAtMs: now + 60_000,
    });
    expect(await outcomes.take('state-outcome-000001', now)).toBeUndefined();

    const refusal = new RealNameError('payment_account_mismatch', { remainingAttempts: 2 });
    await outcomes.save('state-outcome-000002', {
      uid: 'uid-1',
      sub: 'sub-1',
      result: { kind: 'refused', error: refusal },
      expiresAtMs: now + 60_000,
    });
    const taken = await outcomes.take('state-outcome-000002', now);
    expect(taken?.result.kind).toBe('refused');
    const error = taken?.result.kind === 'refused' ? taken.result.error : undefined;
    expect(error).toBeInstanceOf(RealNameError);
    expect([error?.code, error?.messageZh, error?.remainingAttempts]).toEqual([
      'payment_account_mismatch',
      refusal.messageZh,
      2,
    ]);

    await outcomes.save('state-outcome-000003', {
      uid: 'uid-1',
      sub: 'sub-1',
      result: { kind: 'denied' },
      expiresAtMs: now - 1,
    });
    expect(await outcomes.take('state-outcome-000003', now)).toBeUndefined();
  });
});
