import { businessDayBounds } from '../../../channel/business-date.ts';
import { toAlipayTime } from '../../shanghai-time.ts';
import { ALIPAY_TRADE_BILL_DETAIL_COLUMNS } from '../../trade-bill-format.ts';
import { fenToYuan } from '../../yuan-amount.ts';
import type { SimulatedTrade } from '../trade-book.ts';
import { encodeGbk } from './gbk-encoder.ts';
import { writeZip } from './zip-writer.ts';

/**
 * A daily trade bill (`bill_type=trade`) shaped like Alipay's: `<pid>_<yyyyMMdd>.csv.zip` holding two GBK CSV files,
 * `<pid>_<yyyyMMdd>_业务明细.csv` (one line per payment and refund of the Beijing day, framed by `#` comment lines)
 * and `<pid>_<yyyyMMdd>_业务明细(汇总).csv`. Identifiers end in a tab, as in the real file, so that spreadsheets keep
 * them as text. (`ALIPAY_TRADE_BILL_FORMAT` names this format.) The service fee is 0.6% rounded half up, returned pro rata on refunds. Approximations: line endings
 * (CRLF), and the columns the simulator has nothing for (stores, coupons) are empty or `0.00`.
 */
const DETAIL_HEADER = ALIPAY_TRADE_BILL_DETAIL_COLUMNS.join(',');

const feeFen = (amountFen: number): number => Math.floor((amountFen * 6 + 500) / 1000);
const signedYuan = (fen: number): string => (fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen));

/** `2025年03月01日 00:00:00` in Beijing time. */
const chineseTime = (epochMs: number): string => {
  const [date = '', time = ''] = toAlipayTime(epochMs).split(' ');
  const [year, month, day] = date.split('-');
  return `${year}年${month}月${day}日 ${time}`;
};

interface BillLine {
  readonly at: number;
  readonly cells: readonly string[];
  readonly amountFen: number;
  readonly feeFen: number;
  readonly kind: 'payment' | 'refund';
}

const line = (
  trade: SimulatedTrade,
  kind: BillLine['kind'],
  at: number,
  amountFen: number,
  requestNo: string,
): BillLine => {
  const fee = kind === 'payment' ? -feeFen(amountFen) : feeFen(amountFen);
  const amount = kind === 'payment' ? amountFen : -amountFen;
  const cells = [
    `${trade.tradeNo}\t`,
    `${trade.outTradeNo}\t`,
    kind === 'payment' ? '交易' : '退款',
    trade.subject.replaceAll(',', '，'),
    toAlipayTime(trade.createdAt),
    toAlipayTime(at),
    '',
    '',
    '',
    '',
    trade.buyerLogonId ?? '',
    signedYuan(amount),
    signedYuan(amount),
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '',
    '0.00',
    '0.00',
    requestNo === '' ? '' : `${requestNo}\t`,
    signedYuan(fee),
    '0.00',
    '',
  ];
  return { at, cells, amountFen: amount, feeFen: fee, kind };
};

export interface TradeBillInput {
  /** The merchant's partner id (`2088…`), which names the files. */
  readonly pid: string;
  readonly businessDate: string;
  readonly trades: Iterable<SimulatedTrade>;
  readonly generatedAt: number;
}

export const tradeBillLines = (trades: Iterable<SimulatedTrade>, businessDate: string): BillLine[] => {
  const { startMs, endMs } = businessDayBounds(businessDate);
  const within = (at: number | undefined): at is number => at !== undefined && at >= startMs && at < endMs;
  const lines: BillLine[] = [];
  for (const trade of trades) {
    if (within(trade.paidAt)) lines.push(line(trade, 'payment', trade.paidAt, trade.totalFen, ''));
    for (const refund of trade.refunds) {
      if (within(refund.refundedAt)) {
        lines.push(line(trade, 'refund', refund.refundedAt, refund.amountFen, refund.outRequestNo));
      }
    }
  }
  return lines.sort((a, b) => a.at - b.at);
};

export const tradeBillZip = (input: TradeBillInput): { readonly fileName: string; readonly zip: Buffer } => {
  const { startMs, endMs } = businessDayBounds(input.businessDate);
  const day = input.businessDate.replaceAll('-', '');
  const lines = tradeBillLines(input.trades, input.businessDate);
  const period = `#起始日期：[${chineseTime(startMs)}]   终止日期：[${chineseTime(endMs)}]`;
  const payments = lines.filter((l) => l.kind === 'payment').length;
  const sum = (pick: (l: BillLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  const received = sum((l) => l.amountFen);
  const fees = sum((l) => l.feeFen);
  const detail = [
    '#支付宝业务明细查询',
    `#账号：[${input.pid}0156]`,
    period,
    '#-----------------------------------------业务明细列表----------------------------------------',
    DETAIL_HEADER,
    ...lines.map((l) => l.cells.join(',')),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${payments}笔，退款合计：${lines.length - payments}笔`,
    `#导出时间：[${chineseTime(input.generatedAt)}]`,
  ];
  const summary = [
    '#支付宝业务汇总查询',
    `#账号：[${input.pid}0156]`,
    period,
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）',
    `合计,,${payments},${lines.length - payments},${signedYuan(received)},${signedYuan(received)},0.00,0.00,0.00,${signedYuan(fees)},0.00,${signedYuan(received + fees)}`,
    `#导出时间：[${chineseTime(input.generatedAt)}]`,
  ];
  const csv = (rows: readonly string[]) => encodeGbk(`${rows.join('\r\n')}\r\n`);
  const zip = writeZip(
    [
      { name: encodeGbk(`${input.pid}_${day}_业务明细.csv`), data: csv(detail) },
      { name: encodeGbk(`${input.pid}_${day}_业务明细(汇总).csv`), data: csv(summary) },
    ],
    // Zip times are wall-clock: Beijing time, read through the UTC fields.
    new Date(input.generatedAt + 8 * 60 * 60 * 1000),
  );
  return { fileName: `${input.pid}_${day}.csv.zip`, zip };
};
