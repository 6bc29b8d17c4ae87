/**
 * The name of Alipay's daily trade bill format, as `ChannelStatement.format` says it: a zip (`<pid>_<yyyyMMdd>.csv.zip`)
 * of two GBK-encoded CSV files, `…_业务明细.csv` (one line per payment or refund) and `…_业务明细(汇总).csv` (totals).
 * Parsing it belongs to reconciliation.
 */
export const ALIPAY_TRADE_BILL_FORMAT = 'alipay-trade-bill-zip';
