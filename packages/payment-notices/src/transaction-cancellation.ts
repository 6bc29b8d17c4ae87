import type { WireItem } from './wire-item.ts';

/**
 * Reading a cancelled TransactWriteItems. DynamoDB says, per item in request order, why: `ConditionalCheckFailed`,
 * `TransactionConflict` (another transaction held the item), or `None` (the item was fine). With
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` an item that failed its condition comes back as it stood, in
 * the wire format (read it with `wire-item.ts`).
 */
export interface CancellationReason {
  readonly code: string;
  readonly item?: WireItem;
}

/** The reasons, or undefined if `error` is not a cancelled transaction. */
export const cancellationReasons = (error: unknown): CancellationReason[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string; Item?: WireItem }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => ({
    code: reason.Code ?? 'None',
    ...(reason.Item ? { item: reason.Item } : {}),
  }));
};

export const conditionFailedAt = (reasons: readonly CancellationReason[], index: number): boolean =>
  reasons[index]?.code === 'ConditionalCheckFailed';

export const hasConflict = (reasons: readonly CancellationReason[]): boolean =>
  reasons.some((reason) => reason.code === 'TransactionConflict');
