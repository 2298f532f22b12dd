import { listColumns, traceError } from './trace-errors.ts';

/**
 * Finds the column to read event times from: `requested` when given, otherwise the first match
 * of `time`, then `timestamp`, then a name that ends in `_at` or contains `time` or `date`.
 * The automatic choice ignores case, and a requested name must match exactly.
 * @throws PollVsPushError PVP_TRACE_COLUMN when no column fits.
 */
export function chooseTimeColumn(
  file: string,
  columns: readonly string[],
  requested: string | undefined,
): string {
  if (requested !== undefined) {
    if (columns.includes(requested)) return requested;
    throw missingColumnError(file, columns, `has no column '${requested}'`);
  }

  const chosen = guessTimeColumn(columns);
  if (chosen !== undefined) return chosen;
  throw missingColumnError(
    file,
    columns,
    'has no column named time, timestamp, *_at, *time* or *date*',
  );
}

function guessTimeColumn(columns: readonly string[]): string | undefined {
  const lower = columns.map((column) => column.toLowerCase());
  const index = [
    lower.indexOf('time'),
    lower.indexOf('timestamp'),
    lower.findIndex(
      (name) => name.endsWith('_at') || name.includes('time') || name.includes('date'),
    ),
  ].find((candidate) => candidate >= 0);
  return index === undefined ? undefined : columns[index];
}

function missingColumnError(file: string, columns: readonly string[], problem: string): Error {
  return traceError(
    'PVP_TRACE_COLUMN',
    file,
    ` ${problem}; its columns are ${listColumns(columns)}; pass --time-column NAME`,
  );
}
