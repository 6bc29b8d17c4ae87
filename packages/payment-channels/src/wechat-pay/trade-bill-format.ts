/**
 * The name of WeChat Pay's daily trade bill format, as `ChannelStatement.format` says it: UTF-8 CSV (with a
 * byte-order mark) from `GET /v3/bill/tradebill?bill_type=ALL`: a header row (交易时间,公众账号ID,商户号,…), one row
 * per payment or refund with every cell prefixed by a backtick, then the summary caption (总交易单数,…) and its row.
 * Amounts are yuan. Parsing it belongs to reconciliation.
 */
export const WECHAT_PAY_TRADE_BILL_FORMAT = 'wechat-pay-trade-bill-csv';

/** The columns of the bill's header row, in order (the simulator writes them, reconciliation checks them). */
export const WECHAT_PAY_TRADE_BILL_COLUMNS = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const;
