/**
 * Business days are Asia/Shanghai calendar days (UTC+8 all year: China has kept no daylight saving time since 1991), so
 * a fixed offset is exact and no time zone database is needed.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `[start, end)` of the business day in epoch milliseconds. Throws `RangeError` for anything but a real `YYYY-MM-DD`. */
export const businessDayBounds = (businessDate: string): { readonly startMs: number; readonly endMs: number } => {
  const match = BUSINESS_DATE.exec(businessDate);
  if (!match) throw new RangeError('businessDate must be YYYY-MM-DD.');
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, day);
  if (new Date(midnightUtc).toISOString().slice(0, 10) !== businessDate) {
    throw new RangeError(`${businessDate} is not a calendar date.`);
  }
  const startMs = midnightUtc - SHANGHAI_OFFSET_MS;
  return { startMs, endMs: startMs + DAY_MS };
};

/** The Asia/Shanghai business day (`YYYY-MM-DD`) that contains the instant. */
export const businessDateOf = (epochMs: number): string =>
  new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
