import { StatementFormatError } from './statement-errors.ts';

/** No statement line of any channel comes near this. A longer one is not a statement, and would grow memory. */
export const MAX_LINE_BYTES = 64 * 1024;

/** A line of the file, not yet decoded. Built by a constructor for the reason `ParsedLine` gives. */
export class RawLine {
  /** Without the line break (LF or CRLF). Valid only until the next batch is taken. */
  readonly bytes: Uint8Array;
  readonly lineNumber: number;

  constructor(bytes: Uint8Array, lineNumber: number) {
    this.bytes = bytes;
    this.lineNumber = lineNumber;
  }
}

/**
 * Lines a batch: enough that the await a batch costs little beside them, few enough that a batch in flight is small
 * beside the young generation (a batch of a whole 256 KiB chunk, 4,000 lines, was promoted often enough to cost more
 * than the awaits it saved).
 */
const BATCH_LINES = 64;
const LF = 0x0a;
const CR = 0x0d;

const trimCr = (bytes: Uint8Array): Uint8Array =>
  bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;

/**
 * Splits a byte stream into lines on LF, before decoding. That is safe for UTF-8 and for GBK alike (no multibyte
 * sequence of either contains 0x0A), and lets each line be decoded, and an encoding error named, on its own. Only the
 * unfinished tail of a chunk is carried over, so memory stays at one chunk plus one line. An empty final line (the
 * file's last break) is not yielded. Throws `StatementFormatError` (`empty_file`) for a stream with no byte at all.
 *
 * Lines come in batches (arrays of up to `BATCH_LINES`, never empty), so that each layer above (the parser, the
 * matcher) awaits once a batch rather than once a line: an await is a promise, an iterator result and the resumption
 * of a suspended function, which cost about as much as parsing the line. A line too long is thrown after the batch of
 * the lines before it, as one line at a time would have. Batches are built with `Array.of()`, which, unlike `[]`, has
 * no allocation site for V8 to tenure (see `ParsedLine`).
 */
export async function* splitLines(body: AsyncIterable<Uint8Array>, format: string): AsyncGenerator<readonly RawLine[]> {
  let carry: Uint8Array | undefined;
  let lineNumber = 0;
  let sawBytes = false;
  for await (const chunk of body) {
    if (chunk.length === 0) continue;
    sawBytes = true;
    let lines: RawLine[] = Array.of();
    let start = 0;
    let end = chunk.indexOf(LF, start);
    while (end >= 0) {
      lineNumber += 1;
      const piece = chunk.subarray(start, end);
      const line = carry ? Buffer.concat([carry, piece]) : piece;
      carry = undefined;
      if (line.length > MAX_LINE_BYTES) {
        if (lines.length > 0) yield lines;
        throw new StatementFormatError(format, lineNumber, 'line_too_long', `longer than ${MAX_LINE_BYTES} bytes.`);
      }
      lines.push(new RawLine(trimCr(line), lineNumber));
      if (lines.length === BATCH_LINES) {
        yield lines;
        lines = Array.of();
      }
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // Copy: the producer may reuse its chunk once we ask for the next one.
      carry = carry ? Buffer.concat([carry, rest]) : Uint8Array.prototype.slice.call(rest);
      if (carry.length > MAX_LINE_BYTES) {
        if (lines.length > 0) yield lines;
        throw new StatementFormatError(format, lineNumber + 1, 'line_too_long', `longer than ${MAX_LINE_BYTES} bytes.`);
      }
    }
    if (lines.length > 0) yield lines;
  }
  if (!sawBytes) throw new StatementFormatError(format, 0, 'empty_file', 'the statement has no content.');
  if (carry && carry.length > 0) yield Array.of(new RawLine(trimCr(carry), lineNumber + 1));
}

/**
 * The batches of `lines` turned into the statement's lines by `parse`, which answers `undefined` for a line that is
 * not one (a header, a comment, a blank). When `parse` throws, the lines of the batch before the bad one come first,
 * as one line at a time would have given them.
 */
export async function* parseBatches<T>(
  batches: AsyncIterable<readonly RawLine[]>,
  parse: (raw: RawLine) => T | undefined,
): AsyncGenerator<readonly T[]> {
  for await (const raws of batches) {
    const parsed: T[] = Array.of();
    try {
      for (const raw of raws) {
        const item = parse(raw);
        if (item !== undefined) parsed.push(item);
      }
    } catch (error) {
      if (parsed.length > 0) yield parsed;
      throw error;
    }
    if (parsed.length > 0) yield parsed;
  }
}

/** A decoder for one encoding that names the line when its bytes are not in that encoding. */
export const lineDecoder = (encoding: 'utf-8' | 'gbk', format: string) => {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  return (line: RawLine): string => {
    try {
      return decoder.decode(line.bytes);
    } catch (error) {
      throw new StatementFormatError(format, line.lineNumber, 'wrong_encoding', `not ${encoding}.`, { cause: error });
    }
  };
};
