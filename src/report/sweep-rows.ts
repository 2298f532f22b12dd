import type { StrategyReport } from '../runtime/run.ts';
import type { SweepPointReport, SweepReport } from '../runtime/sweep.ts';
import { formatMoney } from './cost.ts';
import { formatCount, formatLatency, formatPercent } from './format.ts';
import { costOf, isPriced } from './sweep-cost.ts';

/** One row of a sweep's table: one strategy's full result at one point. */
export interface SweepRow {
  readonly point: SweepPointReport;
  readonly result: StrategyReport;
}

/** A column of a sweep's table, after the swept value; its cell is text for people. */
export interface SweepColumn {
  readonly head: string;
  readonly cell: (row: SweepRow) => string;
}

/**
 * The columns of the terminal and Markdown tables of a sweep, in order. Each cell reads the
 * row's whole result and point, so a new figure needs only a new entry here.
 */
export const SWEEP_COLUMNS: readonly SweepColumn[] = [
  { head: 'strategy', cell: ({ result }) => result.strategy },
  { head: 'requests', cell: ({ result }) => formatCount(result.requests) },
  { head: 'wasted', cell: ({ result }) => wastedShare(result) },
  { head: 'deliveries', cell: ({ result }) => formatCount(result.deliveries) },
  { head: 'mean', cell: ({ result }) => formatLatency(result, result.latencyMs.mean) },
  { head: 'p99', cell: ({ result }) => formatLatency(result, result.latencyMs.p99) },
  {
    head: 'missed',
    cell: ({ result }) =>
      `${formatCount(result.events.missed)} of ${formatCount(result.events.total)}`,
  },
];

/** The column a costed sweep adds: each result's cost scaled to a 30-day month. */
const COST_COLUMN: SweepColumn = {
  head: 'cost/month',
  cell: ({ result }) => formatMoney(costOf(result)?.perMonth ?? null),
};

/** Returns the columns of a sweep's table: `SWEEP_COLUMNS`, and the cost when it was costed. */
export function sweepColumns(report: SweepReport): readonly SweepColumn[] {
  return isPriced(report) ? [...SWEEP_COLUMNS, COST_COLUMN] : SWEEP_COLUMNS;
}

/** Lists the rows of a sweep: for each point in order, one row per strategy. */
export function sweepRows(report: SweepReport): SweepRow[] {
  return report.points.flatMap((point) => point.results.map((result) => ({ point, result })));
}

/** Formats the share of requests that found nothing new, or `-` for a strategy that sent none. */
function wastedShare(result: StrategyReport): string {
  return result.requests === 0 ? '-' : formatPercent(result.wastedRequests / result.requests);
}

/** Describes a sweep in one line: what it varied over which range, and its seed. */
export function describeSweep(report: SweepReport): string {
  const { sweep } = report;
  const count = report.points.length;
  return (
    `${report.scenario}: sim sweep of ${sweep.flag} from ${sweep.from} to ${sweep.to}, ` +
    `${count} point${count === 1 ? '' : 's'} with ${sweep.spacing} spacing, seed ${report.seed}`
  );
}

/**
 * Lists what every point of a sweep shares, such as `1,448 events, latency 50ms`, or returns
 * `undefined` when they share none of it. Event and consumer counts appear only when every
 * point has the same.
 */
export function describeShared(report: SweepReport): string | undefined {
  const { options } = report;
  const parts: string[] = [];

  const events = shared(report, (point) => point.world.events);
  const consumers = shared(report, (point) => point.world.consumers);
  if (events !== undefined) parts.push(plural(events, 'event'));
  if (consumers !== undefined) parts.push(plural(consumers, 'consumer'));
  if (options.interval !== undefined) parts.push(`interval ${options.interval}`);
  if (options.latency !== undefined) parts.push(`latency ${options.latency}`);

  return parts.length === 0 ? undefined : `Every point: ${parts.join(', ')}.`;
}

function shared(report: SweepReport, read: (point: SweepPointReport) => number) {
  const values = new Set(report.points.map(read));
  return values.size === 1 ? (values.values().next().value as number) : undefined;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
