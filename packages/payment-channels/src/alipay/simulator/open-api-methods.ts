import { fromAlipayTime, toAlipayTime } from '../shanghai-time.ts';
import { fenToYuan, yuanToFen } from '../yuan-amount.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { refundedFen, type SimulatedRefund, type SimulatedTrade, type TradeBook, TradeRefusal } from './trade-book.ts';

/**
 * The server-to-server methods of the gateway. Each returns the fields of a `10000` answer (the gateway adds
 * `code` and `msg`) or throws `TradeRefusal` for a `40004` answer. Field names, formats (yuan strings, Beijing times)
 * and sub codes are Alipay's.
 */
export interface MethodContext {
  readonly book: TradeBook;
  readonly now: number;
  readonly baseUrl: string;
  notifyRefund(trade: SimulatedTrade, refund: SimulatedRefund): void;
  notifyClosed(trade: SimulatedTrade, notifyUrl: string): void;
  /** A short-lived download URL for the day's bill; throws `isp.bill_not_exist` before the day is over. */
  issueBillUrl(businessDate: string): string;
}

export type OpenApiMethod = (request: GatewayRequest, context: MethodContext) => Record<string, string>;

const MAX_FEN = 10_000_000_000;

const invalid = (detail: string): TradeRefusal => new TradeRefusal('ACQ.INVALID_PARAMETER', `参数无效: ${detail}`);

const text = (biz: Readonly<Record<string, unknown>>, field: string): string | undefined => {
  const value = biz[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(field);
  return value;
};

const requiredText = (biz: Readonly<Record<string, unknown>>, field: string): string => {
  const value = text(biz, field);
  if (value === undefined) throw invalid(`缺少 ${field}`);
  return value;
};

const amount = (biz: Readonly<Record<string, unknown>>, field: string): number => {
  const value = biz[field];
  let fen: number;
  try {
    fen = yuanToFen(typeof value === 'number' ? String(value) : String(value ?? ''));
  } catch {
    throw invalid(field);
  }
  if (fen < 1 || fen > MAX_FEN) throw invalid(field);
  return fen;
};

const optionalTime = (biz: Readonly<Record<string, unknown>>, field: string): number | undefined => {
  const value = text(biz, field);
  if (value === undefined) return undefined;
  try {
    return Date.parse(fromAlipayTime(value));
  } catch {
    throw invalid(field);
  }
};

const tradeOf = ({ bizContent }: GatewayRequest, context: MethodContext): SimulatedTrade => {
  const outTradeNo = text(bizContent, 'out_trade_no');
  const tradeNo = text(bizContent, 'trade_no');
  if (outTradeNo === undefined && tradeNo === undefined) throw invalid('out_trade_no 和 trade_no 不能同时为空');
  const trade = context.book.find(outTradeNo === undefined ? { tradeNo } : { outTradeNo }, context.now);
  if (!trade) throw new TradeRefusal('ACQ.TRADE_NOT_EXIST', '交易不存在');
  return trade;
};

const paid = (trade: SimulatedTrade): boolean => trade.paidAt !== undefined;

const precreate: OpenApiMethod = (request, context) => {
  const biz = request.bizContent;
  const timeExpire = optionalTime(biz, 'time_expire');
  const notifyUrl = request.params.notify_url;
  const trade = context.book.open(
    {
      outTradeNo: requiredText(biz, 'out_trade_no'),
      subject: requiredText(biz, 'subject'),
      totalFen: amount(biz, 'total_amount'),
      productCode: 'FACE_TO_FACE_PAYMENT',
      ...(timeExpire === undefined ? {} : { timeExpire }),
      ...(notifyUrl === undefined ? {} : { notifyUrl }),
    },
    context.now,
  );
  return { out_trade_no: trade.outTradeNo, qr_code: `${context.baseUrl}/cashier/${trade.tradeNo}` };
};

const query: OpenApiMethod = (request, context) => {
  const trade = tradeOf(request, context);
  const total = fenToYuan(trade.totalFen);
  return {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    ...(trade.buyerLogonId === undefined ? {} : { buyer_logon_id: trade.buyerLogonId }),
    trade_status: trade.status,
    total_amount: total,
    buyer_pay_amount: paid(trade) ? total : '0.00',
    point_amount: '0.00',
    invoice_amount: paid(trade) ? total : '0.00',
    receipt_amount: paid(trade) ? total : '0.00',
    ...(trade.paidAt === undefined ? {} : { send_pay_date: toAlipayTime(trade.paidAt) }),
    ...(trade.buyerId === undefined ? {} : { buyer_user_id: trade.buyerId }),
  };
};

const close: OpenApiMethod = (request, context) => {
  const trade = tradeOf(request, context);
  context.book.close(trade, context.now);
  const notifyUrl = request.params.notify_url;
  if (notifyUrl) context.notifyClosed(trade, notifyUrl);
  return { trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo };
};

const refund: OpenApiMethod = (request, context) => {
  const trade = tradeOf(request, context);
  const biz = request.bizContent;
  const outcome = context.book.refund(
    trade,
    {
      outRequestNo: text(biz, 'out_request_no') ?? trade.outTradeNo,
      amountFen: amount(biz, 'refund_amount'),
      reason: text(biz, 'refund_reason') ?? '',
    },
    context.now,
  );
  if (outcome.fundChange) context.notifyRefund(trade, outcome.refund);
  return {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    ...(trade.buyerLogonId === undefined ? {} : { buyer_logon_id: trade.buyerLogonId }),
    fund_change: outcome.fundChange ? 'Y' : 'N',
    refund_fee: fenToYuan(refundedFen(trade)),
    gmt_refund_pay: toAlipayTime(outcome.refund.refundedAt),
    ...(trade.buyerId === undefined ? {} : { buyer_user_id: trade.buyerId }),
    send_back_fee: fenToYuan(outcome.refund.amountFen),
  };
};

const refundQuery: OpenApiMethod = (request, context) => {
  const trade = tradeOf(request, context);
  const biz = request.bizContent;
  const outRequestNo = requiredText(biz, 'out_request_no');
  const found = trade.refunds.find((candidate) => candidate.outRequestNo === outRequestNo);
  // Alipay answers 10000 with no refund fields when there is no such refund: "not refunded".
  if (!found) return { trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo };
  const options = Array.isArray(biz.query_options) ? biz.query_options : [];
  return {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    out_request_no: found.outRequestNo,
    total_amount: fenToYuan(trade.totalFen),
    refund_amount: fenToYuan(found.amountFen),
    refund_status: 'REFUND_SUCCESS',
    ...(found.reason === '' ? {} : { refund_reason: found.reason }),
    ...(options.includes('gmt_refund_pay') ? { gmt_refund_pay: toAlipayTime(found.refundedAt) } : {}),
  };
};

const billDownloadUrl: OpenApiMethod = (request, context) => {
  const biz = request.bizContent;
  if (requiredText(biz, 'bill_type') !== 'trade') throw invalid('bill_type: the simulator has trade bills only');
  const billDate = requiredText(biz, 'bill_date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate)) throw invalid('bill_date: the simulator has daily bills only');
  return { bill_download_url: context.issueBillUrl(billDate) };
};

export const OPEN_API_METHODS: Readonly<Record<string, OpenApiMethod>> = {
  'alipay.trade.precreate': precreate,
  'alipay.trade.query': query,
  'alipay.trade.close': close,
  'alipay.trade.refund': refund,
  'alipay.trade.fastpay.refund.query': refundQuery,
  'alipay.data.dataservice.bill.downloadurl.query': billDownloadUrl,
};

/** Browser-facing: answered with pages and redirects, not JSON (see `cashier.ts`). */
export const PAGE_PAY_METHOD = 'alipay.trade.page.pay';
