/** Business days are Asia/Shanghai days (UTC+8, no daylight saving): `YYYY-MM-DD`. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const businessDayOf = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** The day the console opens on: yesterday's, the last one the morning run reconciled. */
export const previousBusinessDay = (now: Date): string => businessDayOf(new Date(now.getTime() - 24 * 60 * 60 * 1000));

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isBusinessDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);
