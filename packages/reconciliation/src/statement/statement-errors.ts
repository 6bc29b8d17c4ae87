/**
 * A statement that cannot be read. Nothing of a run that meets one of these errors may be kept: the statement is
 * streamed, so discrepancies of the lines before it may already have been reported, and the caller discards them.
 *
 * `lineNumber` is the 1-based line of the CSV where the problem was found (0 when the file as a whole is at fault:
 * not a zip, no bill entry).
 */
export type StatementFormatReason =
  | 'empty_file'
  | 'wrong_encoding'
  | 'unknown_column'
  | 'missing_column'
  | 'malformed_line'
  | 'line_too_long'
  | 'truncated'
  | 'not_a_zip'
  | 'unsupported_zip'
  | 'missing_bill_entry'
  | 'summary_mismatch';

export class StatementFormatError extends Error {
  readonly format: string;
  readonly lineNumber: number;
  readonly reason: StatementFormatReason;

  constructor(
    format: string,
    lineNumber: number,
    reason: StatementFormatReason,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${format} statement, line ${lineNumber}: ${reason}: ${detail}`, options);
    this.name = 'StatementFormatError';
    this.format = format;
    this.lineNumber = lineNumber;
    this.reason = reason;
  }
}

/** The file's digest is not the one the channel announced (WeChat Pay's `hash_value`): tampered or damaged. */
export class StatementHashMismatchError extends Error {
  readonly algorithm: string;
  readonly expected: string;
  readonly actual: string;

  constructor(algorithm: string, expected: string, actual: string) {
    super(`Statement ${algorithm} is ${actual}, the channel announced ${expected}.`);
    this.name = 'StatementHashMismatchError';
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }
}
