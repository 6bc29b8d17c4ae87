import { businessDayBounds } from '../../../channel/business-date.ts';
import { WECHAT_PAY_TRADE_BILL_COLUMNS } from '../../trade-bill-format.ts';
import { yuanText } from '../pay-pages.ts';
import type { SimulatedTrade } from '../trade-book.ts';

/**
 * The daily trade bill (`GET /v3/bill/tradebill`, then the download URL) shaped like WeChat Pay's: UTF-8 CSV with a
 * byte-order mark, a header row, one row per payment and per refund of the Beijing day with every cell prefixed by a
 * backtick (so that spreadsheets keep numbers as text), then the summary caption (总交易单数,…) and its row. Amounts
 * are yuan with two decimals. `bill_type` `SUCCESS` keeps the payments, `REFUND` the refunds.
 *
 * Approximations: a 0.6% fee rounded half up to the fen (returned pro rata on refunds); a refund row is dated when the
 * refund succeeded; columns the simulator has nothing for (device, coupons, 商户数据包 beyond `attach`) are empty or 0.
 */
export const TRADE_BILL_SUMMARY_HEADER = [
  '总交易单数',
  '应结订单总金额',
  '退款总金额',
  '充值券退款总金额',
  '手续费总金额',
  '订单总金额',
  '申请退款总金额',
] as const;

export type TradeBillType = 'ALL' | 'SUCCESS' | 'REFUND';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const beijingTime = (epochMs: number): string =>
  new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

const feeFen = (amountFen: number): number => Math.floor((amountFen * 6 + 500) / 1000);

/** A cell may hold neither the separator nor the backtick nor a line break. */
const cell = (value: string): string =>
  value
    .replaceAll(',', '，')
    .replaceAll('`', '｀')
    .replace(/[\r\n]+/g, ' ');

interface BillRow {
  readonly at: number;
  readonly kind: 'payment' | 'refund';
  readonly cells: readonly string[];
  readonly settledFen: number;
  readonly refundFen: number;
  readonly feeFen: number;
  readonly orderFen: number;
}

const paymentRow = (trade: SimulatedTrade, paidAt: number): BillRow => {
  const fee = feeFen(trade.totalFen);
  return {
    at: paidAt,
    kind: 'payment',
    settledFen: trade.totalFen,
    refundFen: 0,
    feeFen: fee,
    orderFen: trade.totalFen,
    cells: [
      beijingTime(paidAt),
      trade.appid,
      trade.mchid,
      '0',
      '',
      trade.transactionId ?? '',
      trade.outTradeNo,
      trade.openid ?? '',
      trade.tradeType,
      'SUCCESS',
      'OTHERS',
      'CNY',
      yuanText(trade.totalFen),
      '0.00',
      '0',
      '0',
      '0.00',
      '0.00',
      '',
      '',
      trade.description,
      trade.attach ?? '',
      yuanText(fee),
      '0.60%',
      yuanText(trade.totalFen),
      '0.00',
      '',
    ],
  };
};

const refundRow = (trade: SimulatedTrade, refund: SimulatedTrade['refunds'][number], at: number): BillRow => {
  const fee = -feeFen(refund.amountFen);
  return {
    at,
    kind: 'refund',
    settledFen: 0,
    refundFen: refund.amountFen,
    feeFen: fee,
    orderFen: 0,
    cells: [
      beijingTime(at),
      trade.appid,
      trade.mchid,
      '0',
      '',
      trade.transactionId ?? '',
      trade.outTradeNo,
      trade.openid ?? '',
      trade.tradeType,
      'REFUND',
      'OTHERS',
      'CNY',
      '0.00',
      '0.00',
      refund.refundId,
      refund.outRefundNo,
      yuanText(refund.amountFen),
      '0.00',
      'ORIGINAL',
      'SUCCESS',
      trade.description,
      trade.attach ?? '',
      yuanText(fee),
      '0.60%',
      '0.00',
      yuanText(refund.amountFen),
      '',
    ],
  };
};

export const tradeBillRows = (
  trades: Iterable<SimulatedTrade>,
  businessDate: string,
  billType: TradeBillType = 'ALL',
): BillRow[] => {
  const { startMs, endMs } = businessDayBounds(businessDate);
  const within = (at: number | undefined): at is number => at !== undefined && at >= startMs && at < endMs;
  const rows: BillRow[] = [];
  for (const trade of trades) {
    if (billType !== 'REFUND' && within(trade.paidAt)) rows.push(paymentRow(trade, trade.paidAt));
    if (billType === 'SUCCESS') continue;
    for (const refund of trade.refunds) {
      if (refund.status === 'SUCCESS' && within(refund.successAt))
        rows.push(refundRow(trade, refund, refund.successAt));
    }
  }
  return rows.sort((a, b) => a.at - b.at);
};

/** The bill file's bytes, or `undefined` when the day has nothing to bill (WeChat Pay then has no file). */
export const tradeBillCsv = (
  trades: Iterable<SimulatedTrade>,
  businessDate: string,
  billType: TradeBillType = 'ALL',
): Buffer | undefined => {
  const rows = tradeBillRows(trades, businessDate, billType);
  if (rows.length === 0) return undefined;
  const sum = (pick: (row: BillRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const ticked = (cells: readonly string[]) => cells.map((value) => `\`${cell(value)}`).join(',');
  const lines = [
    WECHAT_PAY_TRADE_BILL_COLUMNS.join(','),
    ...rows.map((row) => ticked(row.cells)),
    TRADE_BILL_SUMMARY_HEADER.join(','),
    ticked([
      String(rows.length),
      yuanText(sum((row) => row.settledFen)),
      yuanText(sum((row) => row.refundFen)),
      '0.00',
      yuanText(sum((row) => row.feeFen)),
      yuanText(sum((row) => row.orderFen)),
      yuanText(sum((row) => row.refundFen)),
    ]),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
};
