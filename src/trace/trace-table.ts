import type { RowPosition } from './trace-errors.ts';

/** One data row of a trace file, with its values by column name. */
export interface TraceRow {
  readonly values: Readonly<Record<string, unknown>>;
  readonly position: RowPosition;
}

/** A trace file after parsing, before its times are read. */
export interface TraceTable {
  /** Column names: the CSV header, or every JSON key in order of first use. */
  readonly columns: readonly string[];
  /** Data rows in file order. */
  readonly rows: readonly TraceRow[];
}
