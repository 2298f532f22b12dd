import type { RunReport } from '../runtime/run.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import { renderCsv, renderSweepCsv } from './csv.ts';
import { renderJson } from './json.ts';
import { renderMarkdown, renderSweepMarkdown } from './markdown.ts';
import { renderSweepJson } from './sweep-json.ts';
import { renderSweepTable } from './sweep-table.ts';
import { renderTable } from './table.ts';

/** The output formats of a run or a sweep: `table` for a terminal, the others for files. */
export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown';

/** The reporter of each format for a plain run. */
export const RUN_REPORTERS: Readonly<Record<OutputFormat, (report: RunReport) => string>> = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
};

/** The reporter of each format for a sweep. */
export const SWEEP_REPORTERS: Readonly<Record<OutputFormat, (report: SweepReport) => string>> = {
  table: renderSweepTable,
  json: renderSweepJson,
  csv: renderSweepCsv,
  markdown: renderSweepMarkdown,
};
