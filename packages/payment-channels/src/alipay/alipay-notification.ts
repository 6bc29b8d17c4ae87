import type { ChannelAcknowledgement, ChannelEvent } from '../channel/payment-channel.ts';
import { fromAlipayTime } from './shanghai-time.ts';
import { yuanToFen } from './yuan-amount.ts';

/**
 * Alipay's asynchronous notification (`notify_type=trade_status_sync`), read after its signature verified. Alipay
 * stops sending once it reads exactly `success`. Anything else is redelivered for about 25 hours.
 *
 * Event ids come from what happened, not from the delivery: `alipay:<trade_no>:paid` (`TRADE_SUCCESS` and the later
 * `TRADE_FINISHED` are one payment), `alipay:<trade_no>:closed`, `alipay:<trade_no>:refund:<out_biz_no>`. A refund
 * is notified with the trade's status plus `refund_fee` (the running total, not this refund's amount), `gmt_refund`
 * and `out_biz_no` (the refund's `out_request_no`). After a full refund the status is `TRADE_CLOSED`.
 */
const plain = (status: number, body: string): ChannelAcknowledgement => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

export const ALIPAY_ACKNOWLEDGEMENT = plain(200, 'success');
export const ALIPAY_RETRY_ACKNOWLEDGEMENT = plain(503, 'fail');
export const ALIPAY_REJECTION_ACKNOWLEDGEMENT = plain(400, 'fail');

const field = (params: Readonly<Record<string, string>>, name: string): string => {
  const value = params[name];
  if (!value) throw new TypeError(`The notification has no ${name}.`);
  return value;
};

export const alipayEventOf = (params: Readonly<Record<string, string>>): ChannelEvent | null => {
  const tradeNo = field(params, 'trade_no');
  const orderNumber = field(params, 'out_trade_no');
  const status = field(params, 'trade_status');
  const refundNumber = params.out_biz_no;
  if (refundNumber && params.refund_fee) {
    return {
      type: 'refund.succeeded',
      id: `alipay:${tradeNo}:refund:${refundNumber}`,
      orderNumber,
      refundNumber,
      channelTransactionId: tradeNo,
      refundedTotalFen: yuanToFen(params.refund_fee),
      refundedAt: fromAlipayTime(field(params, 'gmt_refund')),
    };
  }
  switch (status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      return {
        type: 'payment.succeeded',
        id: `alipay:${tradeNo}:paid`,
        orderNumber,
        channelTransactionId: tradeNo,
        amountFen: yuanToFen(field(params, 'total_amount')),
        paidAt: fromAlipayTime(field(params, 'gmt_payment')),
      };
    case 'TRADE_CLOSED':
      return {
        type: 'payment.closed',
        id: `alipay:${tradeNo}:closed`,
        orderNumber,
        channelTransactionId: tradeNo,
        closedAt: fromAlipayTime(params.gmt_close ?? field(params, 'notify_time')),
      };
    case 'WAIT_BUYER_PAY':
      return null;
    default:
      throw new TypeError(`Unknown trade_status ${status}.`);
  }
};
