import { createDocumentClient, DeleteCommand, StorageUnavailableError, standardRetryPolicy } from '@platform/dynamodb';
import { createDynamoDbOtpStore } from '@platform/phone-otp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOtpStoreContract } from '../../packages/phone-otp/src/otp-store.contract.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

let storage: TestStorage;
beforeAll(async () => {
  storage = await createTestStorage();
});

describeOtpStoreContract('DynamoDB (identity table)', () =>
  createDynamoDbOtpStore({ documents: storage.documents, tableName: storage.tableNames.identity }),
);

describe('DynamoDB OtpStore when storage fails', () => {
  it('translates an unreachable table into StorageUnavailableError, not an SDK type', async () => {
    const unreachable = createDocumentClient(
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
      { retry: standardRetryPolicy(1) },
    );
    const store = createDynamoDbOtpStore({ documents: unreachable, tableName: 'any' });
    await expect(store.get('AAAAAAAAAAAAAAAAAAAAAA')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(
      store.takeFromWindow({ subject: 'ip:x', windowSeconds: 60, windowStart: 0, windowEnd: 60, max: 1 }),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('supersedes nothing when the previous challenge item has vanished, and still issues', async () => {
    const store = createDynamoDbOtpStore({ documents: storage.documents, tableName: storage.tableNames.identity });
    const now = Date.now();
    const phoneHash = `vanished-${now}`;
    const challenge = (challengeId: string, issuedAt: number) => ({
      challengeId,
      phoneHash,
      sealedPhone: 'v1.sealed',
      codeHash: 'hash',
      issuedAt,
      expiresAt: issuedAt + 300_000,
      maxAttempts: 5,
      failedAttempts: 0,
    });
    const first = challenge('BBBBBBBBBBBBBBBBBBBBBB', now);
    expect(await store.issue(first, 60_000)).toEqual({ issued: true });
    await storage.documents.send(
      new DeleteCommand({
        TableName: storage.tableNames.identity,
        Key: { pk: `PHONE_OTP_CHALLENGE#${first.challengeId}`, sk: 'PHONE_OTP_CHALLENGE' },
      }),
    );
    const second = challenge('CCCCCCCCCCCCCCCCCCCCCC', now + 60_000);
    expect(await store.issue(second, 60_000)).toEqual({ issued: true });
    expect(await store.get(first.challengeId)).toBeUndefined();
    expect((await store.findCurrent(phoneHash))?.challengeId).toBe(second.challengeId);
  });
});
