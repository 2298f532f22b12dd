import { costOfResult, windowLengthMs } from '../../metrics/cost.ts';
import type { Prices } from '../../model/prices.ts';
import type { StrategyReport } from '../../runtime/run.ts';
import type { SweepPointReport, SweepReport } from '../../runtime/sweep.ts';
import { formatCount } from '../format.ts';
import { describeShared, describeSweep, sweepColumns, sweepRows } from '../sweep-rows.ts';
import type { FiguresTable, PageOptions } from './page-options.ts';
import { pageOptions } from './page-options.ts';
import { colourOf } from './strategy-colours.ts';

/** The data of a sweep's page. Every label is made here. */
export interface SweepPageData {
  readonly kind: 'sweep';
  readonly title: string;
  readonly shared: string | null;
  readonly figures: FiguresTable;
  readonly tradeOff: readonly CurveSeries[];
  /** The cost of each strategy at each point, present when prices were given. */
  readonly cost: CostCurves | null;
  readonly reproduce: PageOptions;
}

/** One strategy's points, in the sweep's order, each labelled with its swept value. */
export interface CurveSeries {
  readonly strategy: string;
  readonly colour: string;
  readonly points: readonly CurvePoint[];
}

/** One point of a curve, with the swept value and the events its consumers missed. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
  readonly value: string;
  /** Text such as `missed 20 of 45 events`, or `null` when none was missed. */
  readonly missed: string | null;
}

export interface CostCurves {
  /** The x axis title: the swept setting and its unit. */
  readonly xTitle: string;
  /** The y axis title: cost per month and its currency. */
  readonly yTitle: string;
  /** True when the points are spread evenly on a log scale. */
  readonly logX: boolean;
  readonly series: readonly CurveSeries[];
}

/**
 * Builds the data of a sweep's report page: the trade-off of each strategy between wasted
 * requests and mean latency, and with `prices` its cost per month against the swept value.
 */
export function sweepPageData(
  report: SweepReport,
  command: string,
  prices?: Prices,
): SweepPageData {
  return {
    kind: 'sweep',
    title: describeSweep(report),
    shared: describeShared(report) ?? null,
    figures: figuresOf(report),
    tradeOff: strategiesOf(report).map((strategy) => tradeOffSeries(report, strategy)),
    cost: prices === undefined ? null : costCurves(report, prices),
    reproduce: pageOptions(report, command),
  };
}

function figuresOf(report: SweepReport): FiguresTable {
  return {
    head: [report.sweep.name, ...sweepColumns(report).map((column) => column.head)],
    rows: sweepRows(report).map((row) => [
      row.point.value,
      ...sweepColumns(report).map((column) => column.cell(row)),
    ]),
  };
}

/** Lists the strategies of a sweep, in the order its first point ran them. */
function strategiesOf(report: SweepReport): string[] {
  return (report.points[0]?.results ?? []).map((result) => result.strategy);
}

/**
 * Places each point at its mean latency in seconds and its wasted requests. A point where the
 * consumers learned of no event has no latency, so it is left out.
 */
function tradeOffSeries(report: SweepReport, strategy: string): CurveSeries {
  const points = [];
  for (const point of report.points) {
    const result = resultOf(point, strategy);
    if (result === undefined || result.events.notified === 0) continue;
    // A log axis has no zero, so a latency under a millisecond sits at 1 ms.
    const x = Math.max(result.latencyMs.mean / 1_000, 0.001);
    points.push({ x, y: result.wastedRequests, value: point.value, missed: missedText(result) });
  }
  return { strategy, colour: colourOf(strategy), points };
}

function costCurves(report: SweepReport, prices: Prices): CostCurves {
  const { sweep } = report;
  const minutes = sweep.unit === 'ms';
  const unit = minutes ? 'minutes' : sweep.unit;
  const series = strategiesOf(report).map((strategy) => {
    const points = [];
    for (const point of report.points) {
      const result = resultOf(point, strategy);
      const perMonth =
        result === undefined
          ? null
          : costOfResult(result, windowLengthMs(point.world), prices).perMonth;
      if (perMonth === null) continue;
      const x = minutes ? point.amount / 60_000 : point.amount;
      points.push({ x, y: perMonth, value: point.value, missed: null });
    }
    return { strategy, colour: colourOf(strategy), points };
  });

  return {
    xTitle: unit === undefined ? sweep.flag : `${sweep.flag} (${unit})`,
    yTitle: `cost per 30-day month (${prices.currency ?? 'in the prices given'})`,
    logX: sweep.spacing === 'log',
    series,
  };
}

/** Names the events a point's consumers missed, which its place on the curve does not show. */
function missedText(result: StrategyReport): string | null {
  const { missed, total } = result.events;
  return missed === 0 ? null : `missed ${formatCount(missed)} of ${formatCount(total)} events`;
}

function resultOf(point: SweepPointReport, strategy: string) {
  return point.results.find((result) => result.strategy === strategy);
}
