import { StatementFormatError } from './statement-errors.ts';

/** No statement line of any channel comes near this. A longer one is not a statement, and would grow memory. */
export const MAX_LINE_BYTES = 64 * 1024;

/** A line of the file, not yet decoded. Built by a constructor for the reason `ParsedLine` gives. */
export class RawLine {
  /** Without the line break (LF or CRLF). Valid only until the next line is taken. */
  readonly bytes: Uint8Array;
  readonly lineNumber: number;

  constructor(bytes: Uint8Array, lineNumber: number) {
    this.bytes = bytes;
    this.lineNumber = lineNumber;
  }
}

const LF = 0x0a;
const CR = 0x0d;

const trimCr = (bytes: Uint8Array): Uint8Array =>
  bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;

/**
 * Splits a byte stream into lines on LF, before decoding. That is safe for UTF-8 and for GBK alike (no multibyte
 * sequence of either contains 0x0A), and lets each line be decoded, and an encoding error named, on its own. Only the
 * unfinished tail of a chunk is carried over, so memory stays at one chunk plus one line. An empty final line (the
 * file's last break) is not yielded. Throws `StatementFormatError` (`empty_file`) for a stream with no byte at all.
 */
export async function* splitLines(body: AsyncIterable<Uint8Array>, format: string): AsyncGenerator<RawLine> {
  let carry: Uint8Array | undefined;
  let lineNumber = 0;
  let sawBytes = false;
  for await (const chunk of body) {
    if (chunk.length === 0) continue;
    sawBytes = true;
    let start = 0;
    let end = chunk.indexOf(LF, start);
    while (end >= 0) {
      lineNumber += 1;
      const piece = chunk.subarray(start, end);
      const line = carry ? Buffer.concat([carry, piece]) : piece;
      carry = undefined;
      if (line.length > MAX_LINE_BYTES) {
        throw new StatementFormatError(format, lineNumber, 'line_too_long', `longer than ${MAX_LINE_BYTES} bytes.`);
      }
      yield new RawLine(trimCr(line), lineNumber);
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // Copy: the producer may reuse its chunk once we ask for the next one.
      carry = carry ? Buffer.concat([carry, rest]) : Uint8Array.prototype.slice.call(rest);
      if (carry.length > MAX_LINE_BYTES) {
        throw new StatementFormatError(format, lineNumber + 1, 'line_too_long', `longer than ${MAX_LINE_BYTES} bytes.`);
      }
    }
  }
  if (!sawBytes) throw new StatementFormatError(format, 0, 'empty_file', 'the statement has no content.');
  if (carry && carry.length > 0) yield new RawLine(trimCr(carry), lineNumber + 1);
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
