/**
 * RFC 4180 CSV, for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page and
 * garbles Chinese), CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled.
 * Text that a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`; numbers
 * are written as they are.
 */
export const CSV_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

export type CsvCell = string | number | undefined;

const cell = (value: CsvCell): string => {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvRow = (cells: readonly CsvCell[]): string => `${cells.map(cell).join(',')}\r\n`;

/** Streams a header and rows as CSV text, BOM first: memory is one row however many rows come. */
export async function* csvLines(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvCell[]> | Iterable<readonly CsvCell[]>,
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(header);
  for await (const row of rows) yield csvRow(row);
}

/** Integer fen as an exact yuan amount (`-1234.05`), never through a float. */
export const yuan = (fen: number): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a safe integer');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
