import { StatementFormatError } from './statement-errors.ts';

/**
 * Reads a header row by column names: every name must be known to the format and every required one present, so
 * that a channel changing its columns stops the run with a clear error instead of shifting amounts into the wrong
 * field. Answers the index of each required column.
 */
export const columnIndexes = <Required extends string>(
  cells: readonly string[],
  known: ReadonlySet<string>,
  required: readonly Required[],
  format: string,
  lineNumber: number,
): Readonly<Record<Required, number>> => {
  const unknown = cells.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StatementFormatError(format, lineNumber, 'unknown_column', `unknown column(s) ${unknown.join(', ')}.`);
  }
  const indexes = {} as Record<Required, number>;
  const missing: string[] = [];
  for (const name of required) {
    const index = cells.indexOf(name);
    if (index < 0 || cells.indexOf(name, index + 1) >= 0) missing.push(name);
    else indexes[name] = index;
  }
  if (missing.length > 0) {
    throw new StatementFormatError(
      format,
      lineNumber,
      'missing_column',
      `missing or repeated column(s) ${missing.join(', ')}.`,
    );
  }
  return indexes;
};
