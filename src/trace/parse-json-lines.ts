import { quoteValue, traceError } from './trace-errors.ts';
import type { TraceRow, TraceTable } from './trace-table.ts';

/**
 * Parses JSON lines: one JSON object per line, each one a data row. Blank lines are skipped
 * and a leading byte order mark is dropped. The columns are every key in order of first use,
 * so a row may leave out keys that other rows have.
 * @throws PollVsPushError PVP_TRACE_EMPTY, or PVP_TRACE_FORMAT for a line that is not a
 * JSON object.
 */
export function parseJsonLinesTable(file: string, text: string): TraceTable {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const columns = new Set<string>();
  const rows: TraceRow[] = [];

  lines.forEach((lineText, index) => {
    if (lineText.trim() === '') return;

    const line = index + 1;
    const values = parseObject(file, lineText, line);
    for (const key of Object.keys(values)) columns.add(key);
    rows.push({ values, position: { row: rows.length + 1, line } });
  });

  if (rows.length === 0) {
    throw traceError(
      'PVP_TRACE_EMPTY',
      file,
      ' is empty; write one JSON object per event, one per line',
    );
  }
  return { columns: [...columns], rows };
}

function parseObject(file: string, lineText: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw formatError(file, line, `is not valid JSON${reason}`);
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw formatError(file, line, `is ${quoteValue(value)}, not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function formatError(file: string, line: number, problem: string): Error {
  return traceError(
    'PVP_TRACE_FORMAT',
    file,
    `, line ${line} ${problem}; write one JSON object per line, ` +
      'such as {"time": "2023-04-04T15:03:48Z"}',
  );
}
