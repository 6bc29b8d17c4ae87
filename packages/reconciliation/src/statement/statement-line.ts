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

/**
 * A `StatementLine` as the parsers build them: by a constructor, never an object literal. V8 counts how many objects
 * of each literal outlive a collection and, past 85%, allocates that literal's objects in the old generation from
 * then on. A full collection finishing a concurrent marking counts as surviving every object that was reachable when
 * marked, and when one falls on the first few hundred lines of a statement (loading a large platform index just
 * started it), those are nearly all the lines yet counted: the line literal was then tenured, every later line was
 * allocated old, died there and kept its young strings alive until the next full collection. Objects a constructor
 * builds are not counted, nor tenured.
 */
export class ParsedLine implements StatementLine {
  readonly channel: ChannelId;
  readonly channelReference: string;
  readonly orderNumber: string;
  /** Set on refund lines only, as in `StatementLine`. */
  declare readonly refundNumber?: string;
  readonly kind: 'payment' | 'refund';
  readonly amountFen: number;
  readonly feeFen: number;
  readonly occurredAt: string;
  readonly lineNumber: number;

  constructor(
    channel: ChannelId,
    channelReference: string,
    orderNumber: string,
    refundNumber: string | undefined,
    kind: 'payment' | 'refund',
    amountFen: number,
    feeFen: number,
    occurredAt: string,
    lineNumber: number,
  ) {
    this.channel = channel;
    this.channelReference = channelReference;
    this.orderNumber = orderNumber;
    if (refundNumber !== undefined) this.refundNumber = refundNumber;
    this.kind = kind;
    this.amountFen = amountFen;
    this.feeFen = feeFen;
    this.occurredAt = occurredAt;
    this.lineNumber = lineNumber;
  }
}
