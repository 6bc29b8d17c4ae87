import { randomBytes } from 'node:crypto';
import { toAlipayTime } from '../shanghai-time.ts';
import { fenToYuan } from '../yuan-amount.ts';
import { refundedFen, type SimulatedRefund, type SimulatedTrade } from './trade-book.ts';

/**
 * The parameters of Alipay's asynchronous notification (`notify_type=trade_status_sync`) and of the synchronous
 * return to `return_url`, unsigned. `rsa2.ts` signs them. The names and formats are Alipay's. A refund of a page-pay
 * trade is notified with the trade's status plus `refund_fee` (the running total), `gmt_refund` and `out_biz_no`
 * (the refund's `out_request_no`).
 */
export interface MerchantIds {
  readonly appId: string;
  /** The merchant's partner id (`2088…`). */
  readonly sellerId: string;
}

const newNotifyId = (): string => randomBytes(16).toString('hex');

/** `yyyy-MM-dd HH:mm:ss.SSS` in Beijing time, as `gmt_refund` is written. */
const withMilliseconds = (epochMs: number): string =>
  `${toAlipayTime(epochMs)}.${String(epochMs % 1000).padStart(3, '0')}`;

export const tradeNotificationParams = (
  trade: SimulatedTrade,
  merchant: MerchantIds,
  now: number,
  refund?: SimulatedRefund,
): Record<string, string> => {
  const total = fenToYuan(trade.totalFen);
  const paid = trade.paidAt !== undefined;
  const params: Record<string, string> = {
    notify_time: toAlipayTime(now),
    notify_type: 'trade_status_sync',
    notify_id: newNotifyId(),
    app_id: merchant.appId,
    auth_app_id: merchant.appId,
    charset: 'utf-8',
    version: '1.0',
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: trade.status,
    total_amount: total,
    subject: trade.subject,
    seller_id: merchant.sellerId,
    gmt_create: toAlipayTime(trade.createdAt),
  };
  if (paid && trade.paidAt !== undefined) {
    Object.assign(params, {
      gmt_payment: toAlipayTime(trade.paidAt),
      buyer_id: trade.buyerId ?? '',
      buyer_logon_id: trade.buyerLogonId ?? '',
      receipt_amount: total,
      invoice_amount: total,
      buyer_pay_amount: total,
      point_amount: '0.00',
      fund_bill_list: JSON.stringify([{ amount: total, fundChannel: 'ALIPAYACCOUNT' }]),
    });
  }
  if (trade.status === 'TRADE_CLOSED' && trade.closedAt !== undefined) params.gmt_close = toAlipayTime(trade.closedAt);
  if (refund) {
    Object.assign(params, {
      refund_fee: fenToYuan(refundedFen(trade)),
      gmt_refund: withMilliseconds(refund.refundedAt),
      out_biz_no: refund.outRequestNo,
    });
  }
  return params;
};

export const returnParams = (trade: SimulatedTrade, merchant: MerchantIds, now: number): Record<string, string> => ({
  charset: 'utf-8',
  out_trade_no: trade.outTradeNo,
  method: 'alipay.trade.page.pay.return',
  total_amount: fenToYuan(trade.totalFen),
  trade_no: trade.tradeNo,
  auth_app_id: merchant.appId,
  version: '1.0',
  app_id: merchant.appId,
  seller_id: merchant.sellerId,
  timestamp: toAlipayTime(now),
});
