import { randomBytes } from 'node:crypto';
import { businessDateOf } from '../../channel/business-date.ts';
import { randomAlphanumeric, randomDigits } from './random-text.ts';

/**
 * The simulator's orders and refunds and the rules WeChat Pay applies to them. A rule that refuses throws a
 * `WechatPayRefusal` with WeChat Pay's HTTP status, `code` and `message`:
 *
 * - one order per `out_trade_no`. Placing it again with the same amount, description and trade type answers the same
 *   `code_url` or `h5_url`. Anything else is `OUT_TRADE_NO_USED`; a paid order is `ORDERPAID`, a closed one
 *   `ORDER_CLOSED`;
 * - an unpaid order past `time_expire` is closed as of that time (WeChat Pay sends no notification for it);
 * - only `NOTPAY` can be paid or closed. Closing a closed order succeeds again, closing a paid one is `ORDERPAID`;
 * - refunds need a paid order (`RESOURCE_NOT_EXISTS` otherwise), are idempotent on `out_refund_no` (the same request
 *   answers the refund as it stands; another order or amount is `INVALID_REQUEST`), must state the order's total,
 *   never exceed what is left to refund (`INVALID_REQUEST` 申请退款金额超过订单可退金额), and move the order to
 *   `REFUND`. A refund is `PROCESSING` until `refundProcessingMs` has passed, then `SUCCESS`.
 */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
export type TradeType = 'NATIVE' | 'MWEB';

export interface SimulatedRefund {
  readonly refundId: string;
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly notifyUrl?: string;
  readonly createdAt: number;
  /** When it succeeds (`createdAt + refundProcessingMs`). */
  readonly dueAt: number;
  status: 'PROCESSING' | 'SUCCESS';
  successAt?: number;
}

export interface SimulatedTrade {
  readonly outTradeNo: string;
  readonly appid: string;
  readonly mchid: string;
  readonly description: string;
  readonly totalFen: number;
  readonly tradeType: TradeType;
  readonly createdAt: number;
  readonly timeExpire?: number;
  readonly notifyUrl: string;
  readonly attach?: string;
  /** The code in `code_url` (Native) or the `prepay_id` in `h5_url` (H5). */
  readonly payCode: string;
  state: TradeState;
  transactionId?: string;
  paidAt?: number;
  closedAt?: number;
  openid?: string;
  readonly refunds: SimulatedRefund[];
}

export class WechatPayRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, detail?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'WechatPayRefusal';
    this.status = status;
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

export const invalidRequest = (message: string): WechatPayRefusal =>
  new WechatPayRefusal(400, 'INVALID_REQUEST', message);

const day = (now: number): string => businessDateOf(now).replaceAll('-', '');

/** 微信支付订单号: 28 digits. */
export const newTransactionId = (now: number): string => `42000${randomDigits(5)}${day(now)}${randomDigits(10)}`;
/** 微信支付退款单号: 29 digits. */
export const newRefundId = (now: number): string => `50300${randomDigits(8)}${day(now)}${randomDigits(8)}`;
const newOpenid = (): string => `o${randomBytes(20).toString('base64url').slice(0, 27)}`;

export const refundedFen = (trade: SimulatedTrade): number =>
  trade.refunds.reduce((total, refund) => total + refund.amountFen, 0);

export interface OrderRequest {
  readonly outTradeNo: string;
  readonly appid: string;
  readonly mchid: string;
  readonly description: string;
  readonly totalFen: number;
  readonly tradeType: TradeType;
  readonly timeExpire?: number;
  readonly notifyUrl: string;
  readonly attach?: string;
}

export interface RefundRequest {
  readonly outRefundNo: string;
  readonly amountFen: number;
  readonly totalFen: number;
  readonly reason: string;
  readonly notifyUrl?: string;
}

const REFUND_WINDOW_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_REFUNDS = 50;

export interface TradeBook {
  readonly trades: ReadonlyMap<string, SimulatedTrade>;
  readonly refunds: ReadonlyMap<string, SimulatedRefund>;
  /** By `out_trade_no`, expiry applied. */
  find(outTradeNo: string, now: number): SimulatedTrade | undefined;
  findByTransactionId(transactionId: string, now: number): SimulatedTrade | undefined;
  findByPayCode(payCode: string, now: number): SimulatedTrade | undefined;
  open(request: OrderRequest, now: number): SimulatedTrade;
  pay(trade: SimulatedTrade, now: number): void;
  close(trade: SimulatedTrade, now: number): void;
  refund(trade: SimulatedTrade, request: RefundRequest, now: number): SimulatedRefund;
  /** Completes the refunds due by `now` and returns them. */
  settleRefunds(now: number): SimulatedRefund[];
}

export const createTradeBook = (options: { readonly refundProcessingMs: number }): TradeBook => {
  const byOutTradeNo = new Map<string, SimulatedTrade>();
  const byOutRefundNo = new Map<string, SimulatedRefund>();

  const expire = (trade: SimulatedTrade, now: number): SimulatedTrade => {
    if (trade.state === 'NOTPAY' && trade.timeExpire !== undefined && now >= trade.timeExpire) {
      trade.state = 'CLOSED';
      trade.closedAt = trade.timeExpire;
    }
    return trade;
  };
  const findWhere = (predicate: (trade: SimulatedTrade) => boolean, now: number) => {
    const trade = [...byOutTradeNo.values()].find(predicate);
    return trade && expire(trade, now);
  };

  return {
    trades: byOutTradeNo,
    refunds: byOutRefundNo,
    find: (outTradeNo, now) => {
      const trade = byOutTradeNo.get(outTradeNo);
      return trade && expire(trade, now);
    },
    findByTransactionId: (transactionId, now) => findWhere((trade) => trade.transactionId === transactionId, now),
    findByPayCode: (payCode, now) => findWhere((trade) => trade.payCode === payCode, now),
    open: (request, now) => {
      const existing = byOutTradeNo.get(request.outTradeNo);
      if (existing) {
        expire(existing, now);
        if (existing.state === 'SUCCESS' || existing.state === 'REFUND') {
          throw new WechatPayRefusal(400, 'ORDERPAID', '该订单已支付');
        }
        if (existing.state === 'CLOSED') throw new WechatPayRefusal(400, 'ORDER_CLOSED', '订单已关闭');
        if (
          existing.totalFen !== request.totalFen ||
          existing.description !== request.description ||
          existing.tradeType !== request.tradeType ||
          existing.appid !== request.appid
        ) {
          throw new WechatPayRefusal(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
        }
        return existing;
      }
      if (request.timeExpire !== undefined && request.timeExpire <= now) {
        throw invalidRequest('time_expire 早于当前时间，订单已过期');
      }
      const trade: SimulatedTrade = {
        ...request,
        createdAt: now,
        payCode:
          request.tradeType === 'NATIVE' ? randomAlphanumeric(20) : `wx${randomDigits(14)}${randomAlphanumeric(20)}`,
        state: 'NOTPAY',
        refunds: [],
      };
      byOutTradeNo.set(trade.outTradeNo, trade);
      return trade;
    },
    pay: (trade, now) => {
      expire(trade, now);
      if (trade.state !== 'NOTPAY') throw new WechatPayRefusal(400, 'TRADE_ERROR', '订单状态不允许支付');
      trade.state = 'SUCCESS';
      trade.paidAt = now;
      trade.transactionId = newTransactionId(now);
      trade.openid = newOpenid();
    },
    close: (trade, now) => {
      expire(trade, now);
      if (trade.state === 'CLOSED') return;
      if (trade.state !== 'NOTPAY') throw new WechatPayRefusal(400, 'ORDERPAID', '订单已支付');
      trade.state = 'CLOSED';
      trade.closedAt = now;
    },
    refund: (trade, request, now) => {
      const existing = byOutRefundNo.get(request.outRefundNo);
      if (existing) {
        if (existing.outTradeNo !== trade.outTradeNo || existing.amountFen !== request.amountFen) {
          throw invalidRequest('订单金额或退款金额与之前请求不一致，请核实后再试');
        }
        return existing;
      }
      if (trade.paidAt === undefined) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (request.totalFen !== trade.totalFen) throw invalidRequest('订单金额与原订单金额不一致，请核实后再试');
      if (now - trade.paidAt > REFUND_WINDOW_MS) throw invalidRequest('订单已超过退款期限');
      if (trade.refunds.length >= MAX_REFUNDS) throw invalidRequest('部分退款次数已达上限');
      if (refundedFen(trade) + request.amountFen > trade.totalFen) {
        throw invalidRequest('申请退款金额超过订单可退金额');
      }
      const immediate = options.refundProcessingMs <= 0;
      const refund: SimulatedRefund = {
        refundId: newRefundId(now),
        outRefundNo: request.outRefundNo,
        outTradeNo: trade.outTradeNo,
        amountFen: request.amountFen,
        reason: request.reason,
        ...(request.notifyUrl === undefined ? {} : { notifyUrl: request.notifyUrl }),
        createdAt: now,
        dueAt: now + Math.max(0, options.refundProcessingMs),
        status: immediate ? 'SUCCESS' : 'PROCESSING',
        ...(immediate ? { successAt: now } : {}),
      };
      trade.refunds.push(refund);
      trade.state = 'REFUND';
      byOutRefundNo.set(refund.outRefundNo, refund);
      return refund;
    },
    settleRefunds: (now) => {
      const settled: SimulatedRefund[] = [];
      for (const refund of byOutRefundNo.values()) {
        if (refund.status === 'PROCESSING' && refund.dueAt <= now) {
          refund.status = 'SUCCESS';
          refund.successAt = refund.dueAt;
          settled.push(refund);
        }
      }
      return settled;
    },
  };
};
