import type { TransactWriteCommandInput } from '@platform/dynamodb';
import { pauseBeforeRetry } from './contention-backoff.ts';
import type { LedgerEvent } from './ledger-event.ts';
import { toLedgerEventItem, toNoticeItem } from './notice-item.ts';
import { allowedPriorStates, type NoticeTransition } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import { applyNoticeEvent } from './rebuild-notice.ts';
import { type CancellationReason, cancellationReasons, conditionFailedAt } from './transaction-cancellation.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const ABSENT = 'attribute_not_exists(pk)';

/** A condition on the notice item, with its `#name` placeholders standing for attributes of the same name. */
export interface NoticeCondition {
  readonly expression: string;
  readonly values: Record<string, unknown>;
}

/** One kind of change to a notice: how its event is decided, and what its transaction adds. */
export interface NoticeChange<E extends LedgerEvent> {
  readonly transition: NoticeTransition;
  /** The event for the notice as read, or the domain's refusal. */
  readonly decide: (notice: PaymentNotice, occurredAt: string) => E;
  /** The rule of the change stated again for the database, beyond prior states and version. */
  readonly condition?: (notice: PaymentNotice, event: E) => NoticeCondition;
  /**
   * The other writes that commit with the change or not at all (the payment or refund record it claims, the refund
   * record a release closes, the receipt of a payment), decided for the notice as read and as it will stand; each
   * names the error to throw if its own condition fails.
   */
  readonly joined?: (
    event: E,
    notice: PaymentNotice,
    next: PaymentNotice,
  ) => readonly JoinedWrite[] | Promise<readonly JoinedWrite[]>;
  /** A final answer read off the notice as its failed condition found it, sparing a re-read. */
  readonly onNoticeCondition?: (reason: CancellationReason) => Error | undefined;
}

/** A conditional write to another item in a change's transaction, and the error if its condition fails. */
export interface JoinedWrite {
  readonly write: TransactItem;
  readonly refused: () => Error;
}

/** A record put only if absent: the claim of an id (payment, refund, receipt) that can be taken once. */
export const claimPut = (tableName: string, item: Record<string, unknown>, taken: () => Error): JoinedWrite => ({
  write: { Put: { TableName: tableName, Item: item, ConditionExpression: ABSENT } },
  refused: taken,
});

export interface NoticeChangeContext {
  readonly tableName: string;
  readonly read: (noticeId: string) => Promise<PaymentNotice | undefined>;
  /** Sends one TransactWriteItems; a cancelled transaction rejects with DynamoDB's own error, to be read here. */
  readonly transact: (items: TransactItem[]) => Promise<void>;
  readonly now: () => Date;
  readonly maxAttempts: number;
}

/** `#name` placeholders used in an expression, each standing for the attribute of the same name. */
const namesIn = (expression: string): Record<string, string> =>
  Object.fromEntries([...expression.matchAll(/#(\w+)/g)].map(([placeholder, name]) => [placeholder, name as string]));

/**
 * The notice put, conditional on the transition's prior states (from the transition table), on the version read
 * and on the change's own rule; it returns the item as it stood if the condition fails.
 */
const noticePut = (
  tableName: string,
  transition: NoticeTransition,
  read: PaymentNotice,
  next: PaymentNotice,
  extra: NoticeCondition | undefined,
): TransactItem => {
  const states = allowedPriorStates(transition);
  return {
    Put: {
      TableName: tableName,
      Item: toNoticeItem(next),
      ConditionExpression: [
        `#status IN (${states.map((_, i) => `:prior${i}`).join(', ')})`,
        '#sequence = :sequence',
        ...(extra ? [extra.expression] : []),
      ].join(' AND '),
      ExpressionAttributeNames: { '#status': 'status', '#sequence': 'sequence', ...namesIn(extra?.expression ?? '') },
      ExpressionAttributeValues: {
        ...Object.fromEntries(states.map((status, i) => [`:prior${i}`, status])),
        ':sequence': read.sequence,
        ...extra?.values,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
};

/**
 * Read, decide, write; on a lost race, again. One transaction writes the notice's next view (exactly what
 * `applyNoticeEvent` returns), the event (only if its number is free) and the change's joined writes. DynamoDB applies a
 * transaction all or nothing and serialises transactions on one item, so two changes decided on the same version
 * can not both commit: the second fails its condition (or conflicts), re-reads, and is decided again against the
 * state the first left — where it usually meets the domain's refusal (already paid, refunds exhausted).
 */
export const changeNotice = async <E extends LedgerEvent>(
  context: NoticeChangeContext,
  noticeId: string,
  change: NoticeChange<E>,
): Promise<PaymentNotice> => {
  const { tableName } = context;
  for (let attempt = 1; attempt <= context.maxAttempts; attempt += 1) {
    const notice = await context.read(noticeId);
    if (!notice) throw new PaymentNoticeError('notice_not_found', { field: 'noticeId' });
    const event = change.decide(notice, context.now().toISOString());
    const next = applyNoticeEvent(notice, event);
    const joined = (await change.joined?.(event, notice, next)) ?? [];
    try {
      await context.transact([
        noticePut(tableName, change.transition, notice, next, change.condition?.(notice, event)),
        { Put: { TableName: tableName, Item: toLedgerEventItem(event), ConditionExpression: ABSENT } },
        ...joined.map(({ write }) => write),
      ]);
      return next;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      const noticeReason = reasons[0];
      if (noticeReason && conditionFailedAt(reasons, 0)) {
        const answer = change.onNoticeCondition?.(noticeReason);
        if (answer) throw answer;
      } else {
        const refused = joined.find((_, i) => conditionFailedAt(reasons, 2 + i));
        if (refused) throw refused.refused();
      }
      await pauseBeforeRetry(attempt);
    }
  }
  throw new PaymentNoticeError('notice_contended');
};
