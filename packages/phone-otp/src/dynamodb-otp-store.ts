import {
  DeleteCommand,
  type DocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  translateStorageError,
  UpdateCommand,
} from '@platform/dynamodb';
import type { Challenge } from './challenge.ts';
import type { ChangeOutcome, CurrentChallenge, IssueOutcome, OtpStore } from './otp-store.ts';
import type { WindowSlot } from './send-limits.ts';

/**
 * `OtpStore` on the identity table (`pk`/`sk`, TTL attribute `expiresAt` in epoch seconds). Three kinds of item,
 * none holding a phone number, a code or an IP address in clear:
 *
 * | item              | pk                              | sk                         | attributes                      |
 * | ----------------- | ------------------------------- | -------------------------- | ------------------------------- |
 * | challenge         | `PHONE_OTP_CHALLENGE#<id>`      | `PHONE_OTP_CHALLENGE`      | phoneHash, sealedPhone,         |
 * |                   |                                 |                            | codeHash, issuedAtMs,           |
 * |                   |                                 |                            | codeExpiresAtMs, maxAttempts,   |
 * |                   |                                 |                            | failedAttempts, usedAtMs?,      |
 * |                   |                                 |                            | supersededAtMs?                 |
 * | phone's current   | `PHONE_OTP#<phone blind index>` | `PHONE_OTP_CURRENT`        | challengeId, issuedAtMs,        |
 * |                   |                                 |                            | codeExpiresAtMs                 |
 * | send counter      | `PHONE_OTP_RATE#<subject>`      | `WINDOW#<seconds>#<start>` | sends                           |
 *
 * Challenges are keyed by their own id so that verification by challenge id is one read and one conditional write,
 * with no transaction on the hot path (concurrent transactions on one item fail with conflicts; conditional writes on
 * one item simply serialise).
 */
export interface DynamoDbOtpStoreOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
  /** How long an item stays after it stops mattering before TTL removes it; default 1 hour. */
  readonly retentionSeconds?: number;
}

const challengeKey = (challengeId: string) => ({ pk: `PHONE_OTP_CHALLENGE#${challengeId}`, sk: 'PHONE_OTP_CHALLENGE' });
const currentKey = (phoneHash: string) => ({ pk: `PHONE_OTP#${phoneHash}`, sk: 'PHONE_OTP_CURRENT' });
const counterKey = (slot: WindowSlot) => ({
  pk: `PHONE_OTP_RATE#${slot.subject}`,
  sk: `WINDOW#${slot.windowSeconds}#${slot.windowStart}`,
});

/** The domain's "live", as a condition: the one precondition of every change to a challenge. */
const LIVE =
  'attribute_exists(pk) AND attribute_not_exists(usedAtMs) AND attribute_not_exists(supersededAtMs) ' +
  'AND failedAttempts < maxAttempts AND codeExpiresAtMs > :now';

const epochSeconds = (milliseconds: number): number => Math.ceil(milliseconds / 1000);

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

const cancellationCodes = (error: unknown): string[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
};

const toChallenge = (item: Record<string, unknown>): Challenge => ({
  challengeId: String(item.challengeId),
  phoneHash: String(item.phoneHash),
  sealedPhone: String(item.sealedPhone),
  codeHash: String(item.codeHash),
  issuedAt: Number(item.issuedAtMs),
  expiresAt: Number(item.codeExpiresAtMs),
  maxAttempts: Number(item.maxAttempts),
  failedAttempts: Number(item.failedAttempts),
  ...(item.usedAtMs === undefined ? {} : { usedAt: Number(item.usedAtMs) }),
  ...(item.supersededAtMs === undefined ? {} : { supersededAt: Number(item.supersededAtMs) }),
});

/** Attempts at issuing when a concurrent issue or withdrawal for the same phone moved the pointer meanwhile. */
const ISSUE_ATTEMPTS = 3;

export const createDynamoDbOtpStore = (options: DynamoDbOtpStoreOptions): OtpStore => {
  const { documents, tableName: TableName } = options;
  const retentionMs = (options.retentionSeconds ?? 3_600) * 1000;

  const read = async (Key: Record<string, string>): Promise<Record<string, unknown> | undefined> => {
    try {
      return (await documents.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;
    } catch (error) {
      return translateStorageError(error);
    }
  };

  const get = async (challengeId: string): Promise<Challenge | undefined> => {
    const item = await read(challengeKey(challengeId));
    return item ? toChallenge(item) : undefined;
  };

  const readCurrent = async (phoneHash: string) => {
    const item = await read(currentKey(phoneHash));
    if (!item) return undefined;
    return {
      challengeId: String(item.challengeId),
      issuedAt: Number(item.issuedAtMs),
      codeExpiresAt: Number(item.codeExpiresAtMs),
    };
  };

  /** One transaction: point the phone at the new challenge, create it, supersede the previous one. */
  const issueWrites = (
    challenge: Challenge,
    previous: { challengeId: string; codeExpiresAt: number } | undefined,
    resendIntervalMs: number,
    stampPrevious: boolean,
  ): TransactWriteCommandInput => {
    const expiresAt = epochSeconds(Math.max(challenge.expiresAt, challenge.issuedAt + resendIntervalMs) + retentionMs);
    const writes: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        // The pointer must still be the one read (or still be absent): a concurrent issue for the same phone
        // changes it, and then this whole transaction fails instead of sending a second code within the interval.
        Put: {
          TableName,
          Item: {
            ...currentKey(challenge.phoneHash),
            entity: 'PhoneOtpCurrentChallenge',
            challengeId: challenge.challengeId,
            issuedAtMs: challenge.issuedAt,
            codeExpiresAtMs: challenge.expiresAt,
            expiresAt,
          },
          ...(previous
            ? {
                ConditionExpression: 'challengeId = :previous',
                ExpressionAttributeValues: { ':previous': previous.challengeId },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      {
        Put: {
          TableName,
          Item: {
            ...challengeKey(challenge.challengeId),
            entity: 'PhoneOtpChallenge',
            challengeId: challenge.challengeId,
            phoneHash: challenge.phoneHash,
            sealedPhone: challenge.sealedPhone,
            codeHash: challenge.codeHash,
            issuedAtMs: challenge.issuedAt,
            codeExpiresAtMs: challenge.expiresAt,
            maxAttempts: challenge.maxAttempts,
            failedAttempts: challenge.failedAttempts,
            expiresAt: epochSeconds(challenge.expiresAt + retentionMs),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    // An expired previous code needs no stamp (and TTL may be about to remove it).
    if (stampPrevious && previous && previous.codeExpiresAt > challenge.issuedAt) {
      writes.push({
        Update: {
          TableName,
          Key: challengeKey(previous.challengeId),
          UpdateExpression: 'SET supersededAtMs = if_not_exists(supersededAtMs, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': challenge.issuedAt },
        },
      });
    }
    return { TransactItems: writes };
  };

  const issue = async (challenge: Challenge, resendIntervalMs: number): Promise<IssueOutcome> => {
    let stampPrevious = true;
    for (let attempt = 1; ; attempt += 1) {
      const previous = await readCurrent(challenge.phoneHash);
      if (previous && challenge.issuedAt - previous.issuedAt < resendIntervalMs) {
        return { issued: false, lastIssuedAt: previous.issuedAt };
      }
      try {
        const writes = issueWrites(challenge, previous, resendIntervalMs, stampPrevious);
        await documents.send(new TransactWriteCommand(writes));
        return { issued: true };
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (!reasons) return translateStorageError(error);
        // The previous challenge item is gone (removed by hand or by TTL): nothing left to stamp.
        if (reasons[2] === 'ConditionalCheckFailed') stampPrevious = false;
        // Otherwise a race for this phone's pointer was lost; the next read tells whether the winner is within the
        // interval. A bounded number of rounds: under a storm of requests for one number, refusing is right.
        if (attempt >= ISSUE_ATTEMPTS) return { issued: false, lastIssuedAt: challenge.issuedAt };
      }
    }
  };

  const change = async (challengeId: string, now: number, UpdateExpression: string): Promise<ChangeOutcome> => {
    try {
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName,
          Key: challengeKey(challengeId),
          UpdateExpression,
          ConditionExpression: LIVE,
          ExpressionAttributeValues: { ':now': now, ...(UpdateExpression.includes(':one') ? { ':one': 1 } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { applied: true, challenge: toChallenge(Attributes ?? {}) };
    } catch (error) {
      // States only ever move away from live, so a read after the refusal explains it.
      if (isConditionFailure(error)) return { applied: false, challenge: await get(challengeId) };
      return translateStorageError(error);
    }
  };

  const ignoringConditionFailure = async (write: () => Promise<unknown>): Promise<void> => {
    try {
      await write();
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
    }
  };

  return {
    issue,
    findCurrent: async (phoneHash): Promise<CurrentChallenge | undefined> => {
      const current = await readCurrent(phoneHash);
      return current && { challengeId: current.challengeId, issuedAt: current.issuedAt };
    },
    get,
    // The condition `failedAttempts < maxAttempts` is checked and the increment made in one write: of N concurrent
    // wrong guesses only as many as there are tries left are counted, the rest are refused.
    recordWrongGuess: (challengeId, now) => change(challengeId, now, 'SET failedAttempts = failedAttempts + :one'),
    // `attribute_not_exists(usedAtMs)` in the same write: of N concurrent right guesses exactly one marks the code.
    markVerified: (challengeId, now) => change(challengeId, now, 'SET usedAtMs = :now'),
    withdraw: async (challenge, now) => {
      await ignoringConditionFailure(() =>
        documents.send(
          new UpdateCommand({
            TableName,
            Key: challengeKey(challenge.challengeId),
            UpdateExpression: 'SET supersededAtMs = if_not_exists(supersededAtMs, :now)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': now },
          }),
        ),
      );
      await ignoringConditionFailure(() =>
        documents.send(
          new DeleteCommand({
            TableName,
            Key: currentKey(challenge.phoneHash),
            ConditionExpression: 'challengeId = :id',
            ExpressionAttributeValues: { ':id': challenge.challengeId },
          }),
        ),
      );
    },
    takeFromWindow: async (slot) => {
      try {
        // Check and count in one write: concurrent sends can not both take the last unit of a window.
        await documents.send(
          new UpdateCommand({
            TableName,
            Key: counterKey(slot),
            UpdateExpression: 'SET entity = :entity, expiresAt = :expiresAt ADD #sends :one',
            ConditionExpression: 'attribute_not_exists(#sends) OR #sends < :max',
            ExpressionAttributeNames: { '#sends': 'sends' },
            ExpressionAttributeValues: {
              ':entity': 'PhoneOtpSendCounter',
              ':expiresAt': slot.windowEnd,
              ':one': 1,
              ':max': slot.max,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        return translateStorageError(error);
      }
    },
  };
};
