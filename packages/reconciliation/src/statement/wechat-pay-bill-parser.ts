import { createHash } from 'node:crypto';
import { WECHAT_PAY_TRADE_BILL_COLUMNS, WECHAT_PAY_TRADE_BILL_FORMAT } from '@platform/payment-channels';
import { yuanTextToFen } from './amounts.ts';
import { columnIndexes } from './csv-columns.ts';
import { lineDecoder, parseBatches, splitLines } from './line-splitter.ts';
import { StatementFormatError, StatementHashMismatchError } from './statement-errors.ts';
import { ParsedLine, type StatementLine } from './statement-line.ts';
import { beijingTimeToIso } from './times.ts';

/**
 * WeChat Pay's trade bill (`wechat-pay-trade-bill-csv`, `bill_type=ALL`): UTF-8 with a BOM, a header row, one row per
 * payment (交易状态 `SUCCESS`) or refund (`REFUND`) with every cell prefixed by a backtick, then the summary caption
 * (总交易单数,…) and its row, which is checked against the rows read (count, order, refund and fee totals).
 *
 * The SHA1 of the whole file is computed while it streams and compared with the `hash_value` WeChat Pay announced
 * (`expectedSha1`, case-insensitive) once it has been read: `StatementHashMismatchError`. The lines come out before
 * that check can be made, so a consumer keeps nothing of a run that ends in an error.
 */
const KNOWN = new Set<string>(WECHAT_PAY_TRADE_BILL_COLUMNS);
const REQUIRED = [
  '交易时间',
  '微信订单号',
  '商户订单号',
  '交易状态',
  '商户退款单号',
  '退款金额',
  '手续费',
  '订单金额',
] as const;
const SUMMARY_CAPTION = '总交易单数';
const SUMMARY_COLUMNS = ['总交易单数', '退款总金额', '手续费总金额', '订单总金额'] as const;
const NUMBER = /^[A-Za-z0-9_-]{1,32}$/;

type Column = (typeof REQUIRED)[number];

export interface WechatPayBillOptions {
  /** `hash_value` of `GET /v3/bill/tradebill` (`hash_type` SHA1). */
  readonly expectedSha1: string;
}

/** Cells without their backtick prefix. */
const unticked = (text: string): string[] =>
  text.split(',').map((cell) => (cell.startsWith('`') ? cell.slice(1) : cell).trim());

export async function* parseWechatPayBill(
  body: AsyncIterable<Uint8Array>,
  options: WechatPayBillOptions,
): AsyncGenerator<readonly StatementLine[]> {
  const format = WECHAT_PAY_TRADE_BILL_FORMAT;
  const decode = lineDecoder('utf-8', format);
  const sha1 = createHash('sha1');
  const hashed = (async function* () {
    for await (const chunk of body) {
      sha1.update(chunk);
      yield chunk;
    }
  })();
  let columns: Readonly<Record<Column, number>> | undefined;
  let width = 0;
  let summary: Readonly<Record<(typeof SUMMARY_COLUMNS)[number], number>> | undefined;
  let summaryChecked = false;
  let lastLine = 0;
  const totals = { rows: 0, orderFen: 0, refundFen: 0, feeFen: 0 };
  yield* parseBatches(splitLines(hashed, format), (raw): StatementLine | undefined => {
    lastLine = raw.lineNumber;
    const text = decode(raw);
    if (text.trim() === '') return undefined;
    const bad = (why: string): never => {
      throw new StatementFormatError(format, raw.lineNumber, 'malformed_line', why);
    };
    if (columns === undefined) {
      const names = text.split(',').map((cell) => cell.trim());
      columns = columnIndexes(names, KNOWN, REQUIRED, format, raw.lineNumber);
      width = names.length;
      return undefined;
    }
    if (summaryChecked) bad('a line after the summary.');
    if (summary !== undefined) {
      const cells = unticked(text);
      const amount = (name: (typeof SUMMARY_COLUMNS)[number]) => yuanTextToFen(cells[summary?.[name] ?? -1] ?? '');
      const count = cells[summary.总交易单数] ?? '';
      const found = {
        rows: /^\d+$/.test(count) ? Number(count) : undefined,
        orderFen: amount('订单总金额'),
        refundFen: amount('退款总金额'),
        feeFen: amount('手续费总金额'),
      };
      const differ = (Object.keys(totals) as (keyof typeof totals)[]).filter((key) => found[key] !== totals[key]);
      if (differ.length > 0) {
        throw new StatementFormatError(
          format,
          raw.lineNumber,
          'summary_mismatch',
          `the summary's ${differ.join(', ')} disagree with the rows (${JSON.stringify(found)} against ${JSON.stringify(totals)}).`,
        );
      }
      summaryChecked = true;
      return undefined;
    }
    if (text.startsWith(SUMMARY_CAPTION)) {
      summary = columnIndexes(
        text.split(',').map((cell) => cell.trim()),
        new Set([
          '总交易单数',
          '应结订单总金额',
          '退款总金额',
          '充值券退款总金额',
          '手续费总金额',
          '订单总金额',
          '申请退款总金额',
        ]),
        SUMMARY_COLUMNS,
        format,
        raw.lineNumber,
      );
      return undefined;
    }
    if (!text.startsWith('`')) bad('a row without its backtick prefixes.');
    const cells = unticked(text);
    if (cells.length !== width) bad(`${cells.length} cells, the header has ${width}.`);
    const at = columns;
    const cell = (name: Column): string => cells[at[name]] ?? '';
    const state = cell('交易状态');
    const kind =
      state === 'SUCCESS' ? 'payment' : state === 'REFUND' ? 'refund' : bad(`交易状态 ${JSON.stringify(state)}.`);
    const orderNumber = cell('商户订单号');
    if (!NUMBER.test(orderNumber)) bad('no valid 商户订单号.');
    const refundNumber = cell('商户退款单号');
    if (kind === 'refund' && !NUMBER.test(refundNumber)) bad('a refund without a valid 商户退款单号.');
    const channelReference = cell('微信订单号');
    if (channelReference === '') bad('no 微信订单号.');
    const amountText = cell(kind === 'payment' ? '订单金额' : '退款金额');
    const amountFen = yuanTextToFen(amountText);
    if (amountFen === undefined || amountFen <= 0) bad(`amount ${JSON.stringify(amountText)}.`);
    const feeFen = yuanTextToFen(cell('手续费'));
    if (feeFen === undefined) bad(`手续费 ${JSON.stringify(cell('手续费'))}.`);
    const occurredAt = beijingTimeToIso(cell('交易时间'));
    if (occurredAt === undefined) bad(`交易时间 ${JSON.stringify(cell('交易时间'))}.`);
    totals.rows += 1;
    if (kind === 'payment') totals.orderFen += amountFen as number;
    else totals.refundFen += amountFen as number;
    totals.feeFen += feeFen as number;
    return new ParsedLine(
      'wechat-pay',
      channelReference,
      orderNumber,
      kind === 'refund' ? refundNumber : undefined,
      kind,
      amountFen as number,
      feeFen as number,
      occurredAt as string,
      raw.lineNumber,
    );
  });
  if (columns === undefined) throw new StatementFormatError(format, lastLine + 1, 'missing_column', 'no header row.');
  if (!summaryChecked) {
    throw new StatementFormatError(format, lastLine + 1, 'truncated', 'the bill ends before its 总交易单数 summary.');
  }
  const actual = sha1.digest('hex');
  if (actual !== options.expectedSha1.toLowerCase()) {
    throw new StatementHashMismatchError('SHA1', options.expectedSha1, actual);
  }
}
