import { chinaDateOf } from '@platform/identifiers';
import { PaymentNoticeError } from './payment-notice-errors.ts';

export interface DueDate {
  /** `YYYY-MM-DD`, a calendar date in China. */
  readonly dueDate: string;
  /** The first instant after it: its next midnight in China (UTC+8), as an ISO string. */
  readonly dueAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** China has kept UTC+8 all year since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * A due date as departments write it (the last day to pay, 缴款期限), checked to be a real date not before today in
 * China. A notice due today can still be paid until midnight Beijing time.
 */
export const parseDueDate = (input: unknown, now: Date): DueDate => {
  const midnightUtc = typeof input === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(input) ? Date.parse(input) : NaN;
  // Date.parse rolls 2025-02-30 over to March; comparing the round trip refuses dates that do not exist.
  if (Number.isNaN(midnightUtc) || new Date(midnightUtc).toISOString().slice(0, 10) !== input) {
    throw new PaymentNoticeError('invalid_due_date', {
      field: 'dueDate',
      detailZh: '缴款期限应为YYYY-MM-DD格式的日期。',
    });
  }
  const dueDate = input as string;
  if (dueDate < chinaDateOf(now)) {
    throw new PaymentNoticeError('due_date_in_past', { field: 'dueDate', detailZh: '缴款期限不得早于今天。' });
  }
  return { dueDate, dueAt: new Date(midnightUtc + DAY_MS - CHINA_OFFSET_MS).toISOString() };
};
