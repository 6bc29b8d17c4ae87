import { businessDayBounds } from '../../channel/business-date.ts';
import { fromWechatPayTime, toWechatPayTime } from '../wechat-pay-time.ts';
import type { TradeBillType } from './bill/trade-bill.ts';
import {
  invalidRequest,
  type SimulatedRefund,
  type SimulatedTrade,
  type TradeBook,
  type TradeType,
  WechatPayRefusal,
} from './trade-book.ts';

/**
 * The APIv3 endpoints the simulator serves, past authentication. Each handler returns the HTTP status and JSON body
 * of a success, or throws `WechatPayRefusal`. Field names, formats (fen integers, RFC 3339 +08:00 times) and error
 * codes are WeChat Pay's.
 */
export type WechatPayOperation =
  | 'native'
  | 'h5'
  | 'queryByOutTradeNo'
  | 'queryByTransactionId'
  | 'close'
  | 'refund'
  | 'refundQuery'
  | 'tradebill'
  | 'billdownload';

export interface ApiContext {
  readonly book: TradeBook;
  readonly now: number;
  readonly baseUrl: string;
  readonly mchid: string;
  readonly appid: string;
  notifyRefund(trade: SimulatedTrade, refund: SimulatedRefund): void;
  /** A download URL for the day's bill and the SHA1 of the bill, or a refusal when there is none (yet). */
  issueBill(
    businessDate: string,
    billType: TradeBillType,
    gzip: boolean,
  ): { readonly downloadUrl: string; readonly sha1: string };
}

export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body?: Readonly<Record<string, unknown>>;
}

type Handler = (request: ApiRequest, context: ApiContext) => ApiAnswer;

interface Route {
  readonly operation: WechatPayOperation;
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const ROUTES: readonly Route[] = [
  { operation: 'native', method: 'POST', pattern: /^\/v3\/pay\/transactions\/native$/, names: [] },
  { operation: 'h5', method: 'POST', pattern: /^\/v3\/pay\/transactions\/h5$/, names: [] },
  {
    operation: 'queryByOutTradeNo',
    method: 'GET',
    pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/,
    names: ['out_trade_no'],
  },
  {
    operation: 'queryByTransactionId',
    method: 'GET',
    pattern: /^\/v3\/pay\/transactions\/id\/([^/]+)$/,
    names: ['transaction_id'],
  },
  {
    operation: 'close',
    method: 'POST',
    pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/,
    names: ['out_trade_no'],
  },
  { operation: 'refund', method: 'POST', pattern: /^\/v3\/refund\/domestic\/refunds$/, names: [] },
  {
    operation: 'refundQuery',
    method: 'GET',
    pattern: /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/,
    names: ['out_refund_no'],
  },
  { operation: 'tradebill', method: 'GET', pattern: /^\/v3\/bill\/tradebill$/, names: [] },
  { operation: 'billdownload', method: 'GET', pattern: /^\/v3\/billdownload\/file$/, names: [] },
];

export const matchRoute = (
  method: string,
  pathname: string,
): { readonly operation: WechatPayOperation; readonly params: Record<string, string> } | undefined => {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(pathname) : null;
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { operation: route.operation, params };
  }
  return undefined;
};

// Request validation, answered as WeChat Pay answers it: 400 PARAM_ERROR naming the field.

type JsonObject = Readonly<Record<string, unknown>>;

const paramError = (location: string, field: string, issue: string, value?: unknown): WechatPayRefusal =>
  new WechatPayRefusal(400, 'PARAM_ERROR', `输入源“/${location}/${field}”${issue}`, {
    location,
    field,
    ...(value === undefined ? {} : { value }),
    issue,
  });

const objectAt = (value: unknown, location: string, field: string): JsonObject => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramError(location, field, '必填性规则校验失败，此字段为必填项且应为对象');
  }
  return value as JsonObject;
};

const optionalText = (object: JsonObject, field: string, maxLength: number, pattern?: RegExp): string | undefined => {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw paramError('body', field, '类型校验不通过，应为非空字符串', value);
  if ([...value].length > maxLength) throw paramError('body', field, `长度校验不通过，最长 ${maxLength}`, value);
  if (pattern && !pattern.test(value)) throw paramError('body', field, '格式校验不通过', value);
  return value;
};

const requiredText = (object: JsonObject, field: string, maxLength: number, pattern?: RegExp): string => {
  const value = optionalText(object, field, maxLength, pattern);
  if (value === undefined) throw paramError('body', field, '必填性规则校验失败，此字段为必填项');
  return value;
};

const requiredFen = (object: JsonObject, location: string, field: string): number => {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw paramError(location, field, '取值校验不通过，应为正整数（单位：分）', value);
  }
  return value;
};

const optionalTime = (object: JsonObject, field: string): number | undefined => {
  const value = optionalText(object, field, 64);
  if (value === undefined) return undefined;
  try {
    return Date.parse(fromWechatPayTime(value));
  } catch {
    throw paramError('body', field, '格式校验不通过，应为 RFC 3339 时间', value);
  }
};

const httpUrl = (object: JsonObject, field: string, required: boolean): string | undefined => {
  const value = required ? requiredText(object, field, 256) : optionalText(object, field, 256);
  if (value === undefined) return undefined;
  // WeChat Pay wants https on the public internet; the simulator also takes http, for local endpoints.
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol) || new URL(value).search !== '') {
    throw paramError('body', field, '格式校验不通过，应为不带参数的 http(s) 地址', value);
  }
  return value;
};

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

const requireMchid = (context: ApiContext, mchid: string | null, location: string): void => {
  if (!mchid) throw paramError(location, 'mchid', '必填性规则校验失败，此字段为必填项');
  if (mchid !== context.mchid)
    throw new WechatPayRefusal(400, 'MCH_NOT_EXISTS', '商户号不存在或与请求签名的商户号不一致');
};

// Answers.

const TRADE_STATE_DESC: Readonly<Record<SimulatedTrade['state'], string>> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款',
  CLOSED: '订单已关闭',
};

/** The order as 查询订单 and the TRANSACTION.SUCCESS resource describe it. */
export const transactionView = (trade: SimulatedTrade): Record<string, unknown> => {
  const paid = trade.paidAt !== undefined;
  return {
    appid: trade.appid,
    mchid: trade.mchid,
    out_trade_no: trade.outTradeNo,
    ...(trade.transactionId === undefined ? {} : { transaction_id: trade.transactionId }),
    ...(paid ? { trade_type: trade.tradeType } : {}),
    trade_state: trade.state,
    trade_state_desc: TRADE_STATE_DESC[trade.state],
    ...(paid ? { bank_type: 'OTHERS' } : {}),
    attach: trade.attach ?? '',
    ...(trade.paidAt === undefined ? {} : { success_time: toWechatPayTime(trade.paidAt) }),
    ...(trade.openid === undefined ? {} : { payer: { openid: trade.openid } }),
    amount: paid
      ? { total: trade.totalFen, payer_total: trade.totalFen, currency: 'CNY', payer_currency: 'CNY' }
      : { total: trade.totalFen, currency: 'CNY', payer_currency: 'CNY' },
    promotion_detail: [],
  };
};

/** The refund as 申请退款 and 查询单笔退款 answer it. */
export const refundView = (trade: SimulatedTrade, refund: SimulatedRefund): Record<string, unknown> => ({
  refund_id: refund.refundId,
  out_refund_no: refund.outRefundNo,
  transaction_id: trade.transactionId ?? '',
  out_trade_no: trade.outTradeNo,
  channel: 'ORIGINAL',
  user_received_account: '支付用户零钱',
  ...(refund.successAt === undefined ? {} : { success_time: toWechatPayTime(refund.successAt) }),
  create_time: toWechatPayTime(refund.createdAt),
  status: refund.status,
  funds_account: 'AVAILABLE',
  amount: {
    total: trade.totalFen,
    refund: refund.amountFen,
    from: [],
    payer_total: trade.totalFen,
    payer_refund: refund.amountFen,
    settlement_refund: refund.amountFen,
    settlement_total: trade.totalFen,
    discount_refund: 0,
    currency: 'CNY',
    refund_fee: 0,
  },
  promotion_detail: [],
});

/** The REFUND.SUCCESS resource. */
export const refundNotificationView = (trade: SimulatedTrade, refund: SimulatedRefund): Record<string, unknown> => ({
  mchid: trade.mchid,
  out_trade_no: trade.outTradeNo,
  transaction_id: trade.transactionId ?? '',
  out_refund_no: refund.outRefundNo,
  refund_id: refund.refundId,
  refund_status: refund.status,
  ...(refund.successAt === undefined ? {} : { success_time: toWechatPayTime(refund.successAt) }),
  user_received_account: '支付用户零钱',
  amount: {
    total: trade.totalFen,
    refund: refund.amountFen,
    payer_total: trade.totalFen,
    payer_refund: refund.amountFen,
  },
});

/** The `package` of an H5 link: stable for the order, so that a repeated order answers the same link. */
const packageOf = (trade: SimulatedTrade): string => String(trade.createdAt % 10_000_000_000);

const placeOrder =
  (tradeType: TradeType): Handler =>
  ({ body: raw }, context) => {
    const body = objectAt(raw, 'body', '');
    const appid = requiredText(body, 'appid', 32);
    requireMchid(context, requiredText(body, 'mchid', 32), 'body');
    if (appid !== context.appid) throw new WechatPayRefusal(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    const description = requiredText(body, 'description', 127);
    const outTradeNo = requiredText(body, 'out_trade_no', 32, OUT_TRADE_NO);
    const timeExpire = optionalTime(body, 'time_expire');
    const attach = optionalText(body, 'attach', 128);
    const notifyUrl = httpUrl(body, 'notify_url', true) ?? '';
    const amount = objectAt(body.amount, 'body', 'amount');
    const totalFen = requiredFen(amount, 'body/amount', 'total');
    if (amount.currency !== undefined && amount.currency !== 'CNY') {
      throw paramError('body/amount', 'currency', '取值校验不通过，境内商户仅支持 CNY', amount.currency);
    }
    if (tradeType === 'MWEB') {
      const scene = objectAt(body.scene_info, 'body', 'scene_info');
      requiredText(scene, 'payer_client_ip', 45);
      const h5 = objectAt(scene.h5_info, 'body/scene_info', 'h5_info');
      requiredText(h5, 'type', 32, /^(Wap|iOS|Android)$/);
    }
    const trade = context.book.open(
      {
        outTradeNo,
        appid,
        mchid: context.mchid,
        description,
        totalFen,
        tradeType,
        notifyUrl,
        ...(timeExpire === undefined ? {} : { timeExpire }),
        ...(attach === undefined ? {} : { attach }),
      },
      context.now,
    );
    if (tradeType === 'NATIVE')
      return { status: 200, body: { code_url: `${context.baseUrl}/native/pay/${trade.payCode}` } };
    const h5 = new URL(`${context.baseUrl}/cgi-bin/mmpayweb-bin/checkmweb`);
    h5.searchParams.set('prepay_id', trade.payCode);
    h5.searchParams.set('package', packageOf(trade));
    return { status: 200, body: { h5_url: h5.toString() } };
  };

const orderNotFound = () => new WechatPayRefusal(404, 'ORDER_NOT_EXIST', '订单不存在');

const queryByOutTradeNo: Handler = ({ params, query }, context) => {
  requireMchid(context, query.get('mchid'), 'query');
  const trade = context.book.find(params.out_trade_no ?? '', context.now);
  if (!trade) throw orderNotFound();
  return { status: 200, body: transactionView(trade) };
};

const queryByTransactionId: Handler = ({ params, query }, context) => {
  requireMchid(context, query.get('mchid'), 'query');
  const trade = context.book.findByTransactionId(params.transaction_id ?? '', context.now);
  if (!trade) throw orderNotFound();
  return { status: 200, body: transactionView(trade) };
};

const close: Handler = ({ params, body: raw }, context) => {
  const body = objectAt(raw, 'body', '');
  requireMchid(context, typeof body.mchid === 'string' ? body.mchid : null, 'body');
  const trade = context.book.find(params.out_trade_no ?? '', context.now);
  if (!trade) throw orderNotFound();
  context.book.close(trade, context.now);
  return { status: 204 };
};

const refund: Handler = ({ body: raw }, context) => {
  const body = objectAt(raw, 'body', '');
  const transactionId = optionalText(body, 'transaction_id', 32);
  const outTradeNo = optionalText(body, 'out_trade_no', 32);
  if (transactionId === undefined && outTradeNo === undefined) {
    throw paramError('body', 'out_trade_no', '必填性规则校验失败，transaction_id 与 out_trade_no 必填其一');
  }
  const outRefundNo = requiredText(body, 'out_refund_no', 64, OUT_REFUND_NO);
  const reason = optionalText(body, 'reason', 80) ?? '';
  const notifyUrl = httpUrl(body, 'notify_url', false);
  const amount = objectAt(body.amount, 'body', 'amount');
  const amountFen = requiredFen(amount, 'body/amount', 'refund');
  const totalFen = requiredFen(amount, 'body/amount', 'total');
  if (amount.currency !== 'CNY') {
    throw paramError('body/amount', 'currency', '必填性规则校验失败，退款币种应为 CNY', amount.currency);
  }
  const trade =
    transactionId === undefined
      ? context.book.find(outTradeNo ?? '', context.now)
      : context.book.findByTransactionId(transactionId, context.now);
  if (!trade) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  const before = context.book.refunds.has(outRefundNo);
  const created = context.book.refund(
    trade,
    { outRefundNo, amountFen, totalFen, reason, ...(notifyUrl === undefined ? {} : { notifyUrl }) },
    context.now,
  );
  if (!before && created.status === 'SUCCESS') context.notifyRefund(trade, created);
  return { status: 200, body: refundView(trade, created) };
};

const refundQuery: Handler = ({ params }, context) => {
  const found = context.book.refunds.get(params.out_refund_no ?? '');
  const trade = found && context.book.find(found.outTradeNo, context.now);
  if (!found || !trade) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  return { status: 200, body: refundView(trade, found) };
};

const BILL_WINDOW_MS = 92 * 24 * 60 * 60 * 1000;

const tradebill: Handler = ({ query }, context) => {
  const billDate = query.get('bill_date') ?? '';
  let endMs: number;
  try {
    endMs = businessDayBounds(billDate).endMs;
  } catch {
    throw paramError('query', 'bill_date', '格式校验不通过，应为 yyyy-MM-DD', billDate);
  }
  const billType = query.get('bill_type') ?? 'ALL';
  if (billType !== 'ALL' && billType !== 'SUCCESS' && billType !== 'REFUND') {
    throw paramError('query', 'bill_type', '取值校验不通过', billType);
  }
  const tarType = query.get('tar_type');
  if (tarType !== null && tarType !== 'GZIP') throw paramError('query', 'tar_type', '取值校验不通过', tarType);
  if (context.now - endMs > BILL_WINDOW_MS) throw invalidRequest('仅支持三个月内的账单下载申请');
  const { downloadUrl, sha1 } = context.issueBill(billDate, billType, tarType === 'GZIP');
  return { status: 200, body: { hash_type: 'SHA1', hash_value: sha1, download_url: downloadUrl } };
};

export const API_HANDLERS: Readonly<Record<Exclude<WechatPayOperation, 'billdownload'>, Handler>> = {
  native: placeOrder('NATIVE'),
  h5: placeOrder('MWEB'),
  queryByOutTradeNo,
  queryByTransactionId,
  close,
  refund,
  refundQuery,
  tradebill,
};
