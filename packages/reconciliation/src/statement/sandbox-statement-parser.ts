import { SANDBOX_STATEMENT_FORMAT } from '@platform/payment-channels';
import { fenTextToFen } from './amounts.ts';
import { columnIndexes } from './csv-columns.ts';
import { lineDecoder, parseBatches, splitLines } from './line-splitter.ts';
import { StatementFormatError } from './statement-errors.ts';
import { ParsedLine, type StatementLine } from './statement-line.ts';
import { isoUtc } from './times.ts';

/**
 * The sandbox channel's statement (`sandbox-csv`): UTF-8, a header row, then one line per payment and per refund:
 *
 *     kind,order_number,refund_number,transaction_id,amount_fen,fee_fen,occurred_at
 *     payment,ORD-1,,sbx_…,12300,74,2025-03-01T02:00:00.000Z
 */
const COLUMNS = [
  'kind',
  'order_number',
  'refund_number',
  'transaction_id',
  'amount_fen',
  'fee_fen',
  'occurred_at',
] as const;
const KNOWN = new Set<string>(COLUMNS);
const NUMBER = /^[A-Za-z0-9_-]{1,32}$/;

/** The statement's lines, in batches (see `splitLines`). */
export async function* parseSandboxStatement(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<readonly StatementLine[]> {
  const format = SANDBOX_STATEMENT_FORMAT;
  const decode = lineDecoder('utf-8', format);
  let columns: Readonly<Record<(typeof COLUMNS)[number], number>> | undefined;
  yield* parseBatches(splitLines(body, format), (raw): StatementLine | undefined => {
    const text = decode(raw);
    if (columns === undefined) {
      columns = columnIndexes(text.split(','), KNOWN, COLUMNS, format, raw.lineNumber);
      return undefined;
    }
    if (text === '') return undefined;
    const cells = text.split(',');
    const bad = (why: string): never => {
      throw new StatementFormatError(format, raw.lineNumber, 'malformed_line', why);
    };
    if (cells.length !== COLUMNS.length) bad(`${cells.length} cells, the header has ${COLUMNS.length}.`);
    const at = columns;
    const cell = (name: (typeof COLUMNS)[number]): string => cells[at[name]] ?? '';
    const kind = cell('kind');
    if (kind !== 'payment' && kind !== 'refund') bad(`kind ${JSON.stringify(kind)}.`);
    const orderNumber = cell('order_number');
    if (!NUMBER.test(orderNumber)) bad('no valid order number.');
    const refundNumber = cell('refund_number');
    if (kind === 'refund' ? !NUMBER.test(refundNumber) : refundNumber !== '') bad('refund number and kind disagree.');
    const channelReference = cell('transaction_id');
    if (channelReference === '') bad('no transaction id.');
    const amountFen = fenTextToFen(cell('amount_fen'));
    if (amountFen === undefined || amountFen <= 0) bad(`amount ${JSON.stringify(cell('amount_fen'))}.`);
    const feeFen = fenTextToFen(cell('fee_fen'));
    if (feeFen === undefined) bad(`fee ${JSON.stringify(cell('fee_fen'))}.`);
    const occurredAt = isoUtc(cell('occurred_at'));
    if (occurredAt === undefined) bad(`time ${JSON.stringify(cell('occurred_at'))}.`);
    return new ParsedLine(
      'sandbox',
      channelReference,
      orderNumber,
      kind === 'refund' ? refundNumber : undefined,
      kind as StatementLine['kind'],
      amountFen as number,
      feeFen as number,
      occurredAt as string,
      raw.lineNumber,
    );
  });
  if (columns === undefined) throw new StatementFormatError(format, 1, 'empty_file', 'no header row.');
}
