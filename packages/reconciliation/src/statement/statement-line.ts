import type { ChannelId } from '@platform/payment-channels';

/**
 * One line of a channel's statement, whatever the channel's format: what the matching engine compares with the
 * platform's records. Money is integer fen, times are ISO 8601 UTC.
 */
export interface StatementLine {
  readonly channel: ChannelId;
  /** The channel's own id for the transaction (sandbox `transaction_id`, 支付宝交易号, 微信订单号). */
  readonly channelReference: string;
  /** The platform's order number (商户订单号). */
  readonly orderNumber: string;
  /** The platform's refund number, on refund lines only. */
  readonly refundNumber?: string;
  readonly kind: 'payment' | 'refund';
  /** Positive for both kinds. */
  readonly amountFen: number;
  /** The channel's service fee: positive when charged (payments), negative when returned (refunds). */
  readonly feeFen: number;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  /** 1-based line of the statement file (for Alipay: of the 业务明细 CSV inside the zip). */
  readonly lineNumber: number;
}
