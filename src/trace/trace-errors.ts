import { type ErrorCode, PollVsPushError } from '../errors.ts';

/** Position of a data row in a trace file, so that a message can point the user at it. */
export interface RowPosition {
  /** 1-based number of the data row, not counting the CSV header or blank lines. */
  readonly row: number;
  /** 1-based number of the file line on which the row starts. */
  readonly line: number;
}

/** Maximum length, in characters, of a value quoted in a message before it is cut short. */
const MAX_QUOTED_LENGTH = 80;

/** Builds an error whose message starts by naming the trace file. */
export function traceError(code: ErrorCode, file: string, detail: string): PollVsPushError {
  return new PollVsPushError(code, `trace file '${file}'${detail}`);
}

/** Builds an error about one row, and about one of its columns when `column` is given. */
export function rowError(
  code: ErrorCode,
  file: string,
  position: RowPosition,
  column: string | undefined,
  detail: string,
): PollVsPushError {
  const columnPart = column === undefined ? '' : `, column '${column}'`;
  return traceError(
    code,
    file,
    `, row ${position.row} (line ${position.line})${columnPart}: ${detail}`,
  );
}

/** Quotes a value for a message: strings in single quotes, anything else as JSON. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : String(JSON.stringify(value));
  if (text.length <= MAX_QUOTED_LENGTH) return text;
  return `${text.slice(0, MAX_QUOTED_LENGTH - 3)}...`;
}

/** Lists column names for a message, so the user can pick the right one. */
export function listColumns(columns: readonly string[]): string {
  return columns.length === 0 ? '(none)' : columns.join(', ');
}
