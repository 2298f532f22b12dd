import { CsvError, parse } from 'csv-parse/sync';
import { rowError, traceError } from './trace-errors.ts';
import type { TraceRow, TraceTable } from './trace-table.ts';

/** One parsed CSV record with the file line on which it starts. */
interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/**
 * Parses CSV text whose first record is the header. Each data row becomes an object from
 * column name to field text. Blank lines are skipped and a leading byte order mark is dropped.
 * @throws PollVsPushError PVP_TRACE_EMPTY, or PVP_TRACE_FORMAT for broken quoting, a repeated
 * column name, or a row whose field count differs from the header's.
 */
export function parseCsvTable(file: string, text: string): TraceTable {
  const records = parseRecords(file, text);
  const header = records[0];
  if (header === undefined) {
    throw traceError(
      'PVP_TRACE_EMPTY',
      file,
      ' is empty; give it a header row and one row per event',
    );
  }
  checkHeader(file, header);

  const rows: TraceRow[] = [];
  for (let index = 1; index < records.length; index++) {
    rows.push(toRow(file, header.fields, records[index] as CsvRecord, index));
  }
  if (rows.length === 0) {
    throw traceError('PVP_TRACE_EMPTY', file, ' has a header but no rows; add one row per event');
  }
  return { columns: header.fields, rows };
}

function parseRecords(file: string, text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let lastRecordEnd = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      // The field count is checked in `toRow`, which can name the row and the header.
      relax_column_count: true,
      on_record: (fields, context) => {
        lastRecordEnd = context.lines;
        records.push({ fields, line: context.lines - countLineBreaks(fields) });
        // Returning null drops the record from `parse`'s own result, which is not used.
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw csvSyntaxError(file, error, lastRecordEnd);
    throw error;
  }
  return records;
}

/**
 * Counts line breaks inside quoted fields. csv-parse reports the line on which a record ends,
 * and subtracting this count gives the line on which the record starts.
 */
function countLineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (!field.includes('\n')) continue;
    count += field.split('\n').length - 1;
  }
  return count;
}

function csvSyntaxError(file: string, error: CsvError, lastRecordEnd: number): Error {
  // csv-parse reports an unclosed quote at the end of the file, far from where it opened, but
  // the quote must open after the last record that parsed.
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return traceError(
      'PVP_TRACE_FORMAT',
      file,
      ` is not valid CSV: a quoted field opened on line ${lastRecordEnd + 1} or later is ` +
        'never closed; add the closing quote',
    );
  }

  const near = typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
  return traceError(
    'PVP_TRACE_FORMAT',
    file,
    ` is not valid CSV${near}: ${error.message}; ` +
      'check the quotes on that line and the lines before it',
  );
}

function checkHeader(file: string, header: CsvRecord): void {
  const seen = new Set<string>();
  for (const name of header.fields) {
    if (seen.has(name)) {
      throw traceError(
        'PVP_TRACE_FORMAT',
        file,
        `, line ${header.line}: the header names column '${name}' twice; rename one of them`,
      );
    }
    seen.add(name);
  }
}

function toRow(file: string, columns: readonly string[], record: CsvRecord, row: number): TraceRow {
  const position = { row, line: record.line };
  if (record.fields.length !== columns.length) {
    const detail =
      `has ${record.fields.length} fields but the header has ${columns.length} columns; ` +
      'give each row one field per column and quote fields that contain commas';
    throw rowError('PVP_TRACE_FORMAT', file, position, undefined, detail);
  }

  // `Object.fromEntries` defines own properties, so a column named `__proto__` stays a field.
  const values = Object.fromEntries(columns.map((column, index) => [column, record.fields[index]]));
  return { values, position };
}
