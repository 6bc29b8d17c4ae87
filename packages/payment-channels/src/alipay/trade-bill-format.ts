/**
 * The name of Alipay's daily trade bill format, as `ChannelStatement.format` says it: a zip (`<pid>_<yyyyMMdd>.csv.zip`)
 * of two GBK-encoded CSV files, `…_业务明细.csv` (one line per payment or refund) and `…_业务明细(汇总).csv` (totals).
 * Parsing it belongs to reconciliation.
 */
export const ALIPAY_TRADE_BILL_FORMAT = 'alipay-trade-bill-zip';

/** The columns of `…_业务明细.csv`'s header row, in order (the simulator writes them, reconciliation checks them). */
export const ALIPAY_TRADE_BILL_DETAIL_COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
] as const;
