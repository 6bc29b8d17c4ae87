import { randomInt } from 'node:crypto';
import { businessDateOf } from '../../channel/business-date.ts';

/**
 * The simulator's trades and the rules Alipay applies to them. Rules that refuse throw a `TradeRefusal` carrying
 * Alipay's own `sub_code` and `sub_msg`:
 *
 * - one trade per `out_trade_no`. Asking again with the same amount and subject reuses it. A different amount or
 *   subject is `ACQ.CONTEXT_INCONSISTENT`, a paid one `ACQ.TRADE_HAS_SUCCESS`, a closed one `ACQ.TRADE_HAS_CLOSE`;
 * - an unpaid trade past `time_expire` is closed as of that time;
 * - only `WAIT_BUYER_PAY` can be paid or closed (`ACQ.TRADE_STATUS_ERROR` otherwise);
 * - refunds need a paid trade. They are idempotent on `out_request_no`: the same amount is answered again with
 *   `fund_change: N`, another amount is `ACQ.DISCORDANT_REPEAT_REQUEST`. They never exceed the amount paid
 *   (`ACQ.REFUND_AMT_NOT_EQUAL_TOTAL`). A full refund closes the trade.
 */
export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED';

export interface SimulatedRefund {
  readonly outRequestNo: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly refundedAt: number;
}

export interface SimulatedTrade {
  readonly tradeNo: string;
  readonly outTradeNo: string;
  readonly subject: string;
  readonly totalFen: number;
  readonly productCode: 'FAST_INSTANT_TRADE_PAY' | 'FACE_TO_FACE_PAYMENT';
  readonly createdAt: number;
  readonly timeExpire?: number;
  readonly notifyUrl?: string;
  readonly returnUrl?: string;
  status: TradeStatus;
  paidAt?: number;
  closedAt?: number;
  buyerId?: string;
  buyerLogonId?: string;
  readonly refunds: SimulatedRefund[];
}

export class TradeRefusal extends Error {
  readonly subCode: string;
  readonly subMsg: string;

  constructor(subCode: string, subMsg: string) {
    super(`${subCode} ${subMsg}`);
    this.name = 'TradeRefusal';
    this.subCode = subCode;
    this.subMsg = subMsg;
  }
}

const digits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');

/** Alipay trade numbers: the Beijing date, `22001`, then digits: 28 in all. */
export const newTradeNo = (now: number): string => `${businessDateOf(now).replaceAll('-', '')}22001${digits(15)}`;

export interface TradeRequest {
  readonly outTradeNo: string;
  readonly subject: string;
  readonly totalFen: number;
  readonly productCode: SimulatedTrade['productCode'];
  readonly timeExpire?: number;
  readonly notifyUrl?: string;
  readonly returnUrl?: string;
}

export const refundedFen = (trade: SimulatedTrade): number =>
  trade.refunds.reduce((total, refund) => total + refund.amountFen, 0);

export interface TradeBook {
  readonly trades: ReadonlyMap<string, SimulatedTrade>;
  /** The trade by `out_trade_no` or `trade_no`, expiry applied. `onExpired` hears of trades that expired just now. */
  find(reference: { readonly outTradeNo?: string; readonly tradeNo?: string }, now: number): SimulatedTrade | undefined;
  open(request: TradeRequest, now: number): SimulatedTrade;
  pay(trade: SimulatedTrade, now: number): void;
  close(trade: SimulatedTrade, now: number): void;
  refund(
    trade: SimulatedTrade,
    request: { readonly outRequestNo: string; readonly amountFen: number; readonly reason: string },
    now: number,
  ): { readonly refund: SimulatedRefund; readonly fundChange: boolean };
}

export const createTradeBook = (onExpired: (trade: SimulatedTrade) => void): TradeBook => {
  const byOutTradeNo = new Map<string, SimulatedTrade>();

  const expire = (trade: SimulatedTrade, now: number): SimulatedTrade => {
    if (trade.status === 'WAIT_BUYER_PAY' && trade.timeExpire !== undefined && now >= trade.timeExpire) {
      trade.status = 'TRADE_CLOSED';
      trade.closedAt = trade.timeExpire;
      onExpired(trade);
    }
    return trade;
  };

  const find: TradeBook['find'] = ({ outTradeNo, tradeNo }, now) => {
    const trade =
      outTradeNo !== undefined
        ? byOutTradeNo.get(outTradeNo)
        : [...byOutTradeNo.values()].find((candidate) => candidate.tradeNo === tradeNo);
    return trade && expire(trade, now);
  };

  return {
    trades: byOutTradeNo,
    find,
    open: (request, now) => {
      const existing = find({ outTradeNo: request.outTradeNo }, now);
      if (!existing) {
        const trade: SimulatedTrade = {
          ...request,
          tradeNo: newTradeNo(now),
          createdAt: now,
          status: 'WAIT_BUYER_PAY',
          refunds: [],
        };
        byOutTradeNo.set(trade.outTradeNo, trade);
        return trade;
      }
      if (existing.totalFen !== request.totalFen || existing.subject !== request.subject) {
        throw new TradeRefusal('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
      }
      if (existing.status === 'TRADE_SUCCESS' || existing.status === 'TRADE_FINISHED') {
        throw new TradeRefusal('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
      }
      if (existing.status === 'TRADE_CLOSED') throw new TradeRefusal('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
      return existing;
    },
    pay: (trade, now) => {
      if (trade.status !== 'WAIT_BUYER_PAY') throw new TradeRefusal('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      trade.status = 'TRADE_SUCCESS';
      trade.paidAt = now;
      trade.buyerId = `2088${digits(12)}`;
      trade.buyerLogonId = 'sim***@example.com';
    },
    close: (trade, now) => {
      if (trade.status !== 'WAIT_BUYER_PAY') throw new TradeRefusal('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      trade.status = 'TRADE_CLOSED';
      trade.closedAt = now;
    },
    refund: (trade, request, now) => {
      const existing = trade.refunds.find((refund) => refund.outRequestNo === request.outRequestNo);
      if (existing) {
        if (existing.amountFen !== request.amountFen) {
          throw new TradeRefusal('ACQ.DISCORDANT_REPEAT_REQUEST', '不一致的请求');
        }
        return { refund: existing, fundChange: false };
      }
      if (trade.paidAt === undefined) throw new TradeRefusal('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      if (trade.status === 'TRADE_FINISHED') throw new TradeRefusal('ACQ.TRADE_HAS_FINISHED', '交易已完结');
      if (refundedFen(trade) + request.amountFen > trade.totalFen) {
        throw new TradeRefusal('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
      }
      const refund: SimulatedRefund = { ...request, refundedAt: now };
      trade.refunds.push(refund);
      if (refundedFen(trade) === trade.totalFen) {
        trade.status = 'TRADE_CLOSED';
        trade.closedAt = now;
      }
      return { refund, fundChange: true };
    },
  };
};
