import type { ChannelId } from '@platform/payment-channels';

/**
 * The platform's side of a business day: its payments and refunds on one channel, as the payments store answers them.
 * Money is integer fen (positive for both kinds), times are ISO 8601 UTC.
 */
export type PaymentStatus = 'paid' | 'partially_refunded' | 'refunded' | 'pending' | 'cancelled' | 'closed';
export type RefundStatus = 'succeeded' | 'processing' | 'failed';

interface PlatformRecordBase {
  readonly channel: ChannelId;
  readonly orderNumber: string;
  readonly amountFen: number;
  readonly departmentId: string;
  /** The item (事项) code the notice was raised under. */
  readonly itemCode: string;
  /** When the platform saw the money move (paid, refunded): ISO 8601 UTC. */
  readonly occurredAt: string;
}

export interface PlatformPayment extends PlatformRecordBase {
  readonly kind: 'payment';
  readonly refundNumber?: undefined;
  readonly status: PaymentStatus;
}

export interface PlatformRefund extends PlatformRecordBase {
  readonly kind: 'refund';
  readonly refundNumber: string;
  readonly status: RefundStatus;
}

export type PlatformRecord = PlatformPayment | PlatformRefund;

/** What identifies a line on both sides. */
export interface RecordKey {
  readonly channel: ChannelId;
  readonly kind: 'payment' | 'refund';
  readonly orderNumber: string;
  readonly refundNumber?: string;
}

/**
 * Statuses under which the money has moved at the channel, so the record must be on the statement. A payment later
 * refunded was still paid (the refund is its own line).
 */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['paid', 'partially_refunded', 'refunded', 'succeeded']);

const SEPARATOR = '\u0000';

/** A text form of the key that sorts by channel, kind, order number, refund number. */
export const recordKey = (key: RecordKey): string =>
  `${key.channel}${SEPARATOR}${key.kind === 'payment' ? 'P' : 'R'}${SEPARATOR}${key.orderNumber}${SEPARATOR}${key.refundNumber ?? ''}`;
