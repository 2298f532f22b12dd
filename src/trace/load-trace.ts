import { extname } from 'node:path';
import type { EventInput } from '../model/event-log.ts';
import { parseCsvTable } from './parse-csv.ts';
import { parseJsonLinesTable } from './parse-json-lines.ts';
import { parseTraceTime } from './parse-time.ts';
import { readTraceFile } from './read-trace-file.ts';
import { chooseTimeColumn } from './time-column.ts';
import { listColumns, quoteValue, rowError, traceError } from './trace-errors.ts';
import type { TraceRow, TraceTable } from './trace-table.ts';
import type { RowFilter } from './where.ts';
import { checkWhereColumns, matchesWhere } from './where.ts';

/** Names of the trace columns that contain the event times and keys. */
export interface TraceOptions {
  /** Column of event times. When it is left out, one is chosen by name (see `chooseTimeColumn`). */
  readonly timeColumn?: string;
  /**
   * Column whose value, as a string, becomes each event's key. Without it, or where a JSON
   * row has no value or null, the event log gives the event its default key.
   */
  readonly keyColumn?: string;
  /** Keeps only the rows that meet this filter (see `parseWhere`); other rows are not read. */
  readonly where?: RowFilter;
}

/** The events of one trace file and the columns they came from. */
export interface Trace {
  /** The path as the caller passed it. */
  readonly file: string;
  readonly columns: readonly string[];
  readonly timeColumn: string;
  /** One event per data row that passes the filter, in file order, not necessarily by time. */
  readonly events: EventInput[];
}

/** Extensions of JSON-lines files. Every other file is read as CSV. */
const JSON_LINES_EXTENSIONS: ReadonlySet<string> = new Set(['.jsonl', '.ndjson', '.json']);

/**
 * Loads a trace file of CSV with a header row, or of JSON lines (`.jsonl`, `.ndjson` or
 * `.json`), into one event per row. Times may be ISO 8601 strings or Unix times in seconds or
 * milliseconds (see `parseTraceTime`), and each event's payload is its whole row.
 * @throws PollVsPushError with a PVP_TRACE_* code and a message naming the file, the row and
 * the column at fault.
 */
export async function loadTrace(file: string, options: TraceOptions = {}): Promise<Trace> {
  const text = await readTraceFile(file);
  if (text.trim() === '') {
    throw traceError('PVP_TRACE_EMPTY', file, ' is empty; add a header row and one row per event');
  }

  const table = parseTable(file, text);
  const timeColumn = chooseTimeColumn(file, table.columns, options.timeColumn);
  const keyColumn = options.keyColumn;
  if (keyColumn !== undefined) checkKeyColumn(file, table.columns, keyColumn);
  const rows = filterRows(file, table, options.where);

  const events = rows.map((row) => toEvent(file, row, timeColumn, keyColumn));
  return { file, columns: table.columns, timeColumn, events };
}

function parseTable(file: string, text: string): TraceTable {
  const extension = extname(file).toLowerCase();
  if (JSON_LINES_EXTENSIONS.has(extension)) return parseJsonLinesTable(file, text);
  return parseCsvTable(file, text);
}

function filterRows(
  file: string,
  table: TraceTable,
  where: RowFilter | undefined,
): readonly TraceRow[] {
  if (where === undefined || where.conditions.length === 0) return table.rows;

  checkWhereColumns(where, file, table.columns);
  return table.rows.filter((row) => matchesWhere(where, row.values));
}

function checkKeyColumn(file: string, columns: readonly string[], keyColumn: string): void {
  if (columns.includes(keyColumn)) return;
  throw traceError(
    'PVP_TRACE_COLUMN',
    file,
    ` has no column '${keyColumn}'; its columns are ${listColumns(columns)}; ` +
      'pass one of them as the key column',
  );
}

function toEvent(
  file: string,
  row: TraceRow,
  timeColumn: string,
  keyColumn: string | undefined,
): EventInput {
  const time = readTime(file, row, timeColumn);
  const key = keyColumn === undefined ? undefined : readKey(row, keyColumn);
  return key === undefined ? { time, payload: row.values } : { time, key, payload: row.values };
}

function readTime(file: string, row: TraceRow, column: string): number {
  const value = ownValue(row, column);
  const time = parseTraceTime(value);
  if (time !== undefined) return time;

  const problem =
    value === undefined || (typeof value === 'string' && value.trim() === '')
      ? 'the time is missing; give every row a time'
      : `${quoteValue(value)} is not an ISO 8601 time or Unix seconds or milliseconds; ` +
        'write a time such as 2023-04-04T15:03:48Z or 1680620628';
  throw rowError('PVP_TRACE_TIME', file, row.position, column, problem);
}

function readKey(row: TraceRow, column: string): string | undefined {
  const value = ownValue(row, column);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads a row's own value, so a column named like an `Object` method is not looked up. */
function ownValue(row: TraceRow, column: string): unknown {
  return Object.hasOwn(row.values, column) ? row.values[column] : undefined;
}
