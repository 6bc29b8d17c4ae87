import { setTimeout as delay } from 'node:timers/promises';
import {
  type DocumentClient,
  GetCommand,
  PutCommand,
  StorageUnavailableError,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  translateStorageError,
} from '@platform/dynamodb';
import type { AttemptGuardStore } from './attempt-guard-store.ts';
import { cancellationCodes, isConditionFailure } from './dynamodb-errors.ts';
import type { WindowSlot } from './fixed-window.ts';
import { EMPTY_LOCKOUT, type LockoutState } from './lockout.ts';

/**
 * `AttemptGuardStore` on the identity table (`pk`/`sk`, TTL `expiresAt` in epoch seconds). No item holds an IP
 * address: counters of a network are keyed by its blind index.
 *
 * | item          | pk                           | sk                         | attributes                            |
 * | ------------- | ---------------------------- | -------------------------- | ------------------------------------- |
 * | lockout state | `REAL_NAME_LOCKOUT#<sub>`    | `STATE`                    | failures (list of epoch ms),          |
 * |               |                              |                            | lockedUntilMs?, version, expiresAt    |
 * | check counter | `REAL_NAME_RATE#<counter>`   | `WINDOW#<seconds>#<start>` | checks, expiresAt                     |
 *
 * `<counter>` is `<check>:sub:<sub>` or `<check>:ip:<network blind index>`, `<check>` `registry` or `carrier`.
 */
export interface DynamoDbAttemptGuardStoreOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
}

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Tries of a check's transaction while concurrent checks of the same counters conflict with it. */
const CONFLICT_ATTEMPTS = 8;

const lockoutKey = (sub: string) => ({ pk: `REAL_NAME_LOCKOUT#${sub}`, sk: 'STATE' });
const counterKey = (slot: WindowSlot) => ({
  pk: `REAL_NAME_RATE#${slot.counter}`,
  sk: `WINDOW#${slot.windowSeconds}#${slot.windowStart}`,
});

const toState = (item: Record<string, unknown>): LockoutState => ({
  failures: Array.isArray(item.failures) ? item.failures.map(Number) : [],
  ...(item.lockedUntilMs === undefined ? {} : { lockedUntil: Number(item.lockedUntilMs) }),
});

export const createDynamoDbAttemptGuardStore = (options: DynamoDbAttemptGuardStoreOptions): AttemptGuardStore => {
  const { documents, tableName: TableName } = options;

  return {
    readLockout: async (sub) => {
      try {
        const { Item } = await documents.send(
          new GetCommand({ TableName, Key: lockoutKey(sub), ConsistentRead: true }),
        );
        return Item ? { state: toState(Item), version: Number(Item.version) } : { state: EMPTY_LOCKOUT, version: 0 };
      } catch (error) {
        return translateStorageError(error);
      }
    },
    replaceLockout: async (sub, state, expectedVersion, expiresAt) => {
      try {
        // The version read is the condition: a concurrent failure that wrote first makes this put fail, and the
        // guard re-reads and counts again. An item removed by TTL meanwhile fails it too, harmlessly.
        await documents.send(
          new PutCommand({
            TableName,
            Item: {
              ...lockoutKey(sub),
              entity: 'RealNameLockout',
              failures: [...state.failures],
              ...(state.lockedUntil === undefined ? {} : { lockedUntilMs: state.lockedUntil }),
              version: expectedVersion + 1,
              expiresAt,
            },
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        return translateStorageError(error);
      }
    },
    takeCheck: async (sub, slots, nowMs) => {
      // One transaction for the lock and every window: one round trip instead of a read and a write per window, and
      // a refused check counts nowhere. Item 0 is the lock, item i + 1 the slot i.
      const TransactItems: TransactItems = [
        {
          ConditionCheck: {
            TableName,
            Key: lockoutKey(sub),
            // Locked while `lockedUntilMs` is later than now (`lockedUntil` in lockout.ts); no item, no lock.
            ConditionExpression: 'attribute_not_exists(lockedUntilMs) OR lockedUntilMs <= :now',
            ExpressionAttributeValues: { ':now': nowMs },
          },
        },
        ...slots.map((slot) => ({
          Update: {
            TableName,
            Key: counterKey(slot),
            UpdateExpression: 'SET entity = :entity, expiresAt = :expiresAt ADD #checks :one',
            ConditionExpression: 'attribute_not_exists(#checks) OR #checks < :max',
            ExpressionAttributeNames: { '#checks': 'checks' },
            ExpressionAttributeValues: {
              ':entity': 'RealNameCheckCounter',
              ':expiresAt': slot.windowEnd,
              ':one': 1,
              ':max': slot.max,
            },
          },
        })),
      ];
      for (let attempt = 1; ; attempt += 1) {
        try {
          await documents.send(new TransactWriteCommand({ TransactItems }));
          return { taken: true };
        } catch (error) {
          const reasons = cancellationCodes(error);
          if (!reasons) return translateStorageError(error);
          if (reasons[0] === 'ConditionalCheckFailed') return { taken: false, locked: true };
          const spent = slots.find((_, index) => reasons[index + 1] === 'ConditionalCheckFailed');
          if (spent) return { taken: false, locked: false, spent };
          // TransactionConflict: a concurrent check of the same subject or network holds one of these items. Nothing
          // was written; try again a little later, as the SDK's retry would.
          if (attempt >= CONFLICT_ATTEMPTS) throw new StorageUnavailableError(error);
          await delay(attempt * (5 + Math.random() * 20));
        }
      }
    },
  };
};
