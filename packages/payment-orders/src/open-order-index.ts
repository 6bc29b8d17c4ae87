/**
 * The open-order index: how the sweeper finds channel payments that were started and not yet settled, without a scan.
 *
 * An order item carries `gsi2pk = OPEN_ORDER#<shard>` and `gsi2sk = <nextCheckAt>#<orderNumber>` from the moment it is
 * recorded until it is settled (paid, flagged or closed), when both attributes are removed. gsi2 is therefore a sparse
 * index of exactly the open orders, ordered by when each is next due for a channel query, and the sweeper reads only
 * the ones due now (`gsi2sk <= now`). Why this shape:
 * - sparse, removed on settlement (not overwritten with a "settled" partition): a settled order costs the index
 *   nothing and the sweeper never reads it again;
 * - sorted by the next check, not by creation: an order the payer abandoned stays open until the notice's due
 *   instant (days), and is queried on a backoff (5 min, 15 min, 45 min, … 6 h) instead of on every run;
 * - a few fixed shards instead of one partition: the index partition takes every order's write, so eight shards
 *   spread that load, and the sweeper reads all eight (cheap: empty or short queries).
 * Orders have no gsi1/gsi2 of their own otherwise, so gsi2 is free on them (notices use it for payers).
 */
export const OPEN_ORDER_INDEX = 'gsi2';
export const OPEN_ORDER_SHARDS = 8;

/** How long after its creation an order is first queried: a notification normally arrives well within it. */
export const FIRST_CHECK_AFTER_MS = 5 * 60_000;
/** The longest pause between two queries of one open order. */
export const LONGEST_CHECK_PAUSE_MS = 6 * 60 * 60_000;

/** The shard of an order number: a stable small hash, so that a re-recorded order lands where it was. */
export const openOrderShard = (orderNumber: string): number => {
  let hash = 0;
  for (let i = 0; i < orderNumber.length; i += 1) hash = (hash * 31 + orderNumber.charCodeAt(i)) >>> 0;
  return hash % OPEN_ORDER_SHARDS;
};

export const openOrderPartition = (shard: number): string => `OPEN_ORDER#${shard}`;

export const openOrderSortKey = (nextCheckAt: string, orderNumber: string): string => `${nextCheckAt}#${orderNumber}`;

/** The upper bound of the sort keys due at `now` (order numbers are `[A-Za-z0-9_-]`, all below `~`). */
export const dueSortKeyBound = (now: Date): string => `${now.toISOString()}#~`;

/** The index attributes of a newly recorded order. */
export const openOrderAttributes = (orderNumber: string, createdAt: string) => ({
  gsi2pk: openOrderPartition(openOrderShard(orderNumber)),
  gsi2sk: openOrderSortKey(new Date(Date.parse(createdAt) + FIRST_CHECK_AFTER_MS).toISOString(), orderNumber),
});

/**
 * When to query an order again after its `checks`-th query found it still open: a backoff tripling from the first
 * pause, capped, and never later than the notice's due instant (when the order must be closed).
 */
export const nextCheckAt = (now: Date, checks: number, dueAt: string): string => {
  const pause = Math.min(FIRST_CHECK_AFTER_MS * 3 ** Math.max(0, checks - 1), LONGEST_CHECK_PAUSE_MS);
  const next = new Date(now.getTime() + pause).toISOString();
  return next < dueAt ? next : dueAt;
};
