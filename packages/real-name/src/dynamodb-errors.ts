/** The SDK's error names this package's adapters branch on; anything else goes to `translateStorageError`. */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The per-item reasons of a cancelled transaction (`ConditionalCheckFailed`, `None`…), or undefined for other errors. */
export const cancellationCodes = (error: unknown): string[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
};
