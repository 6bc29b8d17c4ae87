/** Proleptic Gregorian rules: the calendar every birth date code uses (GB/T 7408). */
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** `19491231` → `1949-12-31`; undefined for `19490230` or `19491301`: a date that never existed. */
export const isoDateFromCompact = (yyyymmdd: string): string | undefined => {
  if (!/^[0-9]{8}$/.test(yyyymmdd)) return undefined;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
};

/** China has kept UTC+8 all year since 1991. */
const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar date of `instant` in China (Asia/Shanghai), `YYYY-MM-DD`. A birth date is a Chinese calendar date: a
 * child born at 00:30 in Beijing is born "today" there while it is still yesterday in UTC, and must not be refused.
 */
export const chinaDateOf = (instant: Date): string =>
  new Date(instant.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
