import type { CellOptions } from 'cli-table3';
import Table from 'cli-table3';
import type { SweepReport } from '../runtime/sweep.ts';
import { priceTitle } from './cost.ts';
import { wrap } from './format.ts';
import type { Style } from './style.ts';
import { PLAIN_STYLE } from './style.ts';
import { renderSweepChart } from './sweep-chart.ts';
import { isPriced } from './sweep-cost.ts';
import type { SweepColumn, SweepRow } from './sweep-rows.ts';
import { describeShared, describeSweep, sweepColumns } from './sweep-rows.ts';

/**
 * Renders a sweep as a table with a row per point and strategy, the swept value spanning the
 * rows of its point, and notes on how to read and rerun it, followed by the trade-off chart.
 */
export function renderSweepTable(report: SweepReport, style: Style = PLAIN_STYLE): string {
  const columns = sweepColumns(report);
  const head = [report.sweep.name, ...columns.map((column) => column.head)];
  const table = new Table({
    head: head.map((text) => style.head(text)),
    // The strategy column, right after the value, reads best on the left like other text.
    colAligns: head.map((_, index) => (index === 1 ? 'left' : 'right')),
    // cli-table3 would colour the header and borders itself; the style decides instead.
    style: { head: [], border: [] },
  });

  for (const point of report.points) {
    point.results.forEach((result, index) => {
      const row = { point, result };
      const cells: (string | CellOptions)[] = columns.map((column) =>
        styleCell(column, row, index, style),
      );
      if (index === 0) cells.unshift({ content: point.value, rowSpan: point.results.length });
      table.push(cells);
    });
  }

  const shared = describeShared(report);
  const lines = [wrap(describeSweep(report), 100)];
  if (shared !== undefined) lines.push(wrap(shared, 100));
  lines.push(table.toString(), wrap(notes(report), 100));
  return `${lines.join('\n')}\n\n${renderSweepChart(report, style)}`;
}

/**
 * Writes one cell, with the strategy's name in its colour and a count of missed events above
 * zero as a warning. `index` is the strategy's place in its point's results.
 */
function styleCell(column: SweepColumn, row: SweepRow, index: number, style: Style): string {
  const text = column.cell(row);
  if (column.head === 'strategy') return style.strategy(index, text);
  if (column.head === 'missed' && row.result.events.missed > 0) return style.warning(text);
  return text;
}

function notes(report: SweepReport): string {
  const cost = isPriced(report)
    ? ` ${priceTitle(report.prices)}: cost/month scales each point's window to a 30-day month.`
    : '';
  return (
    `Each point is a run of its own with the same seed, so a plain run with ${report.sweep.flag} ` +
    "set to a point's value gives that point's figures. Wasted is the share of requests that " +
    'found nothing new. Latency is the time from an event to the consumer having it. ' +
    '--json and --csv give every figure of each point.' +
    cost
  );
}
