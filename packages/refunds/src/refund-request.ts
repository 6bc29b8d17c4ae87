import { randomBytes } from 'node:crypto';
import { type AmountFen, parseAmountFen } from '@platform/payment-notices';
import { RefundError } from './refund-errors.ts';

/**
 * A refund id is also the refund number every channel is asked with, so it keeps to the narrowest rule of all of
 * them (1–32 characters of `[A-Za-z0-9_-]`) and to the notices package's rule for references (no `#`).
 */
const REFUND_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const isRefundId = (value: unknown): value is string => typeof value === 'string' && REFUND_ID.test(value);

/** `RF` + 30 random hex digits: 32 characters, unguessable, within every channel's rule. */
export const newRefundId = (): string => `RF${randomBytes(15).toString('hex').toUpperCase()}`;

/** Channels show the reason to the payer; WeChat Pay takes at most 80 characters. */
const MAXIMUM_REASON_LENGTH = 80;

export interface RefundRequest {
  readonly refundId: string;
  readonly amountFen: AmountFen;
  readonly reason: string;
}

/**
 * A department's request as the API receives it: `{ refundId?, amountFen, reason }`. The amount follows the notices
 * package's rule (integer fen, 1 to 10^11, never a string or a fraction); whether it fits what was paid is decided
 * against the notice, in the write.
 */
export const parseRefundRequest = (body: Readonly<Record<string, unknown>>): RefundRequest => {
  const refundId = body.refundId === undefined ? newRefundId() : body.refundId;
  if (!isRefundId(refundId)) throw new RefundError('invalid_refund_id', { field: 'refundId' });
  const amountFen = parseAmountFen(body.amountFen, 'amountFen');
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason.length === 0 || [...reason].length > MAXIMUM_REASON_LENGTH) {
    throw new RefundError('invalid_refund_reason', { field: 'reason' });
  }
  return { refundId, amountFen, reason };
};
