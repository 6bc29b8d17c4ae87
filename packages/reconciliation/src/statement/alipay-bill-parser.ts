import { isUtf8 } from 'node:buffer';
import { ALIPAY_TRADE_BILL_DETAIL_COLUMNS, ALIPAY_TRADE_BILL_FORMAT } from '@platform/payment-channels';
import { yuanTextToFen } from './amounts.ts';
import { columnIndexes } from './csv-columns.ts';
import { lineDecoder, parseBatches, type RawLine, splitLines } from './line-splitter.ts';
import { StatementFormatError } from './statement-errors.ts';
import { ParsedLine, type StatementLine } from './statement-line.ts';
import { beijingTimeToIso } from './times.ts';
import { zipEntryStream } from './zip-entry-stream.ts';

/**
 * Alipay's daily trade bill (`alipay-trade-bill-zip`): a zip holding `<pid>_<yyyyMMdd>_业务明细.csv` in GBK, which is
 * streamed out of the zip, inflated and decoded line by line (the `…(汇总).csv` totals file is not read):
 *
 *     #支付宝业务明细查询                    ← comments before the table
 *     #账号：[2088…]
 *     支付宝交易号,商户订单号,业务类型,…     ← header: names checked
 *     2025030122001…\t,ORD-1\t,交易,…       ← one line per payment (交易) or refund (退款); ids end in a tab
 *     #-----…业务明细列表结束-----…          ← end of the table
 *     #交易合计：3笔，退款合计：1笔          ← checked against the lines read
 *
 * Amounts are yuan (`订单金额（元）`, negative on refunds), the fee (`服务费（元）`) is from the merchant's side
 * (negative when charged) and is turned to the `StatementLine` sign. Times are Beijing (`完成时间`).
 */
const KNOWN = new Set<string>(ALIPAY_TRADE_BILL_DETAIL_COLUMNS);
const REQUIRED = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '完成时间',
  '订单金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
] as const;
const NUMBER = /^[A-Za-z0-9_-]{1,32}$/;
const END_OF_TABLE = /^#-+业务明细列表结束/;
const SUMMARY = /^#交易合计：(\d+)笔，退款合计：(\d+)笔/;

const isDetailEntry = (name: { readonly text: string }): boolean =>
  name.text.endsWith('_业务明细.csv') || name.text === '业务明细.csv';

type Column = (typeof REQUIRED)[number];

const header = (text: string, raw: RawLine, format: string): Readonly<Record<Column, number>> => {
  try {
    return columnIndexes(
      text.split(',').map((cell) => cell.trim()),
      KNOWN,
      REQUIRED,
      format,
      raw.lineNumber,
    );
  } catch (error) {
    // UTF-8 Chinese often decodes as (wrong) GBK without an error: say what happened rather than list mojibake.
    if (isUtf8(raw.bytes) && raw.bytes.some((byte) => byte >= 0x80)) {
      throw new StatementFormatError(
        format,
        raw.lineNumber,
        'wrong_encoding',
        'the header is UTF-8, Alipay bills are GBK.',
      );
    }
    throw error;
  }
};

const line = (
  text: string,
  raw: RawLine,
  columns: Readonly<Record<Column, number>>,
  width: number,
  format: string,
): StatementLine => {
  const bad = (why: string): never => {
    throw new StatementFormatError(format, raw.lineNumber, 'malformed_line', why);
  };
  const cells = text.split(',');
  if (cells.length !== width) bad(`${cells.length} cells, the header has ${width}.`);
  const cell = (name: Column): string => (cells[columns[name]] ?? '').trim();
  const type = cell('业务类型');
  const kind = type === '交易' ? 'payment' : type === '退款' ? 'refund' : bad(`业务类型 ${JSON.stringify(type)}.`);
  const orderNumber = cell('商户订单号');
  if (!NUMBER.test(orderNumber)) bad('no valid 商户订单号.');
  const refundNumber = cell('退款批次号/请求号');
  if (kind === 'refund' && !NUMBER.test(refundNumber)) bad('a refund without a valid 退款批次号/请求号.');
  const channelReference = cell('支付宝交易号');
  if (channelReference === '') bad('no 支付宝交易号.');
  const signed = yuanTextToFen(cell('订单金额（元）'));
  if (signed === undefined || signed === 0 || (kind === 'payment' && signed < 0)) {
    bad(`订单金额 ${JSON.stringify(cell('订单金额（元）'))}.`);
  }
  const fee = yuanTextToFen(cell('服务费（元）'));
  if (fee === undefined) bad(`服务费 ${JSON.stringify(cell('服务费（元）'))}.`);
  const occurredAt = beijingTimeToIso(cell('完成时间'));
  if (occurredAt === undefined) bad(`完成时间 ${JSON.stringify(cell('完成时间'))}.`);
  return new ParsedLine(
    'alipay',
    channelReference,
    orderNumber,
    kind === 'refund' ? refundNumber : undefined,
    kind,
    Math.abs(signed as number),
    fee === 0 ? 0 : -(fee as number),
    occurredAt as string,
    raw.lineNumber,
  );
};

/** The bill's lines, in batches (see `splitLines`). */
export async function* parseAlipayBill(body: AsyncIterable<Uint8Array>): AsyncGenerator<readonly StatementLine[]> {
  const format = ALIPAY_TRADE_BILL_FORMAT;
  const decode = lineDecoder('gbk', format);
  let columns: Readonly<Record<Column, number>> | undefined;
  let width = 0;
  let ended = false;
  let summarised = false;
  let lastLine = 0;
  const counted = { payment: 0, refund: 0 };
  try {
    const lines = splitLines(zipEntryStream(body, isDetailEntry, format), format);
    yield* parseBatches(lines, (raw): StatementLine | undefined => {
      lastLine = raw.lineNumber;
      const text = decode(raw);
      if (text.trim() === '') return undefined;
      if (text.startsWith('#')) {
        if (columns !== undefined && END_OF_TABLE.test(text)) ended = true;
        const summary = SUMMARY.exec(text);
        if (summary) {
          if (!ended)
            throw new StatementFormatError(format, raw.lineNumber, 'malformed_line', 'totals inside the table.');
          if (Number(summary[1]) !== counted.payment || Number(summary[2]) !== counted.refund) {
            throw new StatementFormatError(
              format,
              raw.lineNumber,
              'summary_mismatch',
              `the bill says ${summary[1]} payments and ${summary[2]} refunds, its table has ${counted.payment} and ${counted.refund}.`,
            );
          }
          summarised = true;
        }
        return undefined;
      }
      if (ended) throw new StatementFormatError(format, raw.lineNumber, 'malformed_line', 'a line after the table.');
      if (columns === undefined) {
        columns = header(text, raw, format);
        width = text.split(',').length;
        return undefined;
      }
      const parsed = line(text, raw, columns, width, format);
      counted[parsed.kind] += 1;
      return parsed;
    });
  } catch (error) {
    // The zip layer cannot know CSV lines: name the line where the bill stopped.
    if (error instanceof StatementFormatError && error.lineNumber === 0 && error.reason === 'truncated') {
      throw new StatementFormatError(format, lastLine + 1, 'truncated', error.message, { cause: error });
    }
    throw error;
  }
  if (columns === undefined) throw new StatementFormatError(format, lastLine + 1, 'missing_column', 'no header row.');
  if (!ended || !summarised) {
    throw new StatementFormatError(
      format,
      lastLine + 1,
      'truncated',
      'the bill ends before 业务明细列表结束 and its totals.',
    );
  }
}
