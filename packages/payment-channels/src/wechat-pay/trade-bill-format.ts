/**
 * The name of WeChat Pay's daily trade bill format, as `ChannelStatement.format` says it: UTF-8 CSV (with a
 * byte-order mark) from `GET /v3/bill/tradebill?bill_type=ALL`: a header row (交易时间,公众账号ID,商户号,…), one row
 * per payment or refund with every cell prefixed by a backtick, then the summary caption (总交易单数,…) and its row.
 * Amounts are yuan. Parsing it belongs to reconciliation.
 */
export const WECHAT_PAY_TRADE_BILL_FORMAT = 'wechat-pay-trade-bill-csv';
