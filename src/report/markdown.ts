import type { RunReport, StrategyReport } from '../runtime/run.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import { formatBytes, formatCount, formatLatency, formatPercent } from './format.ts';
import { summarize } from './summary.ts';
import { describeShared, describeSweep, sweepColumns, sweepRows } from './sweep-rows.ts';

interface MarkdownColumn {
  readonly head: string;
  /** Right-aligns the column, as suits numbers. */
  readonly numeric: boolean;
  readonly cell: (result: StrategyReport) => string;
}

/** The columns of a run's Markdown table: the terminal's main table, then bytes and peak/s. */
const RUN_COLUMNS: readonly MarkdownColumn[] = [
  { head: 'strategy', numeric: false, cell: (r) => r.strategy },
  { head: 'requests', numeric: true, cell: (r) => formatCount(r.requests) },
  { head: 'wasted', numeric: true, cell: wasted },
  { head: 'deliveries', numeric: true, cell: (r) => formatCount(r.deliveries) },
  { head: 'mean', numeric: true, cell: (r) => formatLatency(r, r.latencyMs.mean) },
  { head: 'p50', numeric: true, cell: (r) => formatLatency(r, r.latencyMs.p50) },
  { head: 'p99', numeric: true, cell: (r) => formatLatency(r, r.latencyMs.p99) },
  { head: 'max', numeric: true, cell: (r) => formatLatency(r, r.latencyMs.max) },
  {
    head: 'missed',
    numeric: true,
    cell: (r) => `${formatCount(r.events.missed)} of ${formatCount(r.events.total)}`,
  },
  { head: 'bytes', numeric: true, cell: (r) => formatBytes(r.bytes) },
  { head: 'peak/s', numeric: true, cell: (r) => formatCount(r.peakPerSecond) },
];

/**
 * Renders a run as GitHub-flavoured Markdown: a line on the run, a table with a row per
 * strategy, and the summary sentence, ready to paste into an issue or a page.
 */
export function renderMarkdown(report: RunReport): string {
  const table = markdownTable(
    RUN_COLUMNS.map((column) => column.head),
    RUN_COLUMNS.map((column) => column.numeric),
    report.results.map((result) => RUN_COLUMNS.map((column) => column.cell(result))),
  );
  return `${escapeMarkdown(describeRun(report))}\n\n${table}\n\n${escapeMarkdown(summarize(report))}\n`;
}

/** Renders a sweep as GitHub-flavoured Markdown: a line on it, then a row per point and strategy. */
export function renderSweepMarkdown(report: SweepReport): string {
  const columns = sweepColumns(report);
  const heads = [report.sweep.name, ...columns.map((column) => column.head)];
  // Every column but the strategy contains a value or a figure.
  const numeric = heads.map((head) => head !== 'strategy');
  const rows = sweepRows(report).map((row) => [
    row.point.value,
    ...columns.map((column) => column.cell(row)),
  ]);

  const shared = describeShared(report);
  const intro = [describeSweep(report), ...(shared === undefined ? [] : [shared])];
  const paragraphs = intro.map(escapeMarkdown).join('\n\n');
  return `${paragraphs}\n\n${markdownTable(heads, numeric, rows)}\n`;
}

function markdownTable(
  heads: readonly string[],
  numeric: readonly boolean[],
  rows: readonly (readonly string[])[],
): string {
  const lines = [
    row(heads),
    row(numeric.map((right) => (right ? '---:' : '---'))),
    ...rows.map((cells) => row(cells)),
  ];
  return lines.join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

/** Escapes the characters that Markdown would read as formatting, such as `*`, `_` or `|`. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (character) => `\\${character}`);
}

function describeRun(report: RunReport): string {
  const { options, world } = report;
  const parts = [
    `${report.scenario}: ${report.mode} run, seed ${report.seed}`,
    `${formatCount(world.events)} event${world.events === 1 ? '' : 's'}`,
    `${formatCount(world.consumers)} consumer${world.consumers === 1 ? '' : 's'}`,
    `interval ${options.interval}`,
    `latency ${options.latency}`,
  ];
  return parts.join(', ');
}

function wasted(result: StrategyReport): string {
  if (result.requests === 0) return '0';
  const share = formatPercent(result.wastedRequests / result.requests);
  return `${formatCount(result.wastedRequests)} (${share})`;
}
