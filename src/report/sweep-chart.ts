import type { CustomSymbol } from 'simple-ascii-chart';
import { plot } from 'simple-ascii-chart';
import type { SweepReport } from '../runtime/sweep.ts';
import { formatCount } from './format.ts';
import type { Style } from './style.ts';
import { PLAIN_STYLE, wrapStyled } from './style.ts';

/** The widest line the chart may print, the same limit as the table's notes. */
const MAX_WIDTH = 100;

/** Columns and rows of the plotting area, inside the axes. */
const PLOT_WIDTH = 70;
const PLOT_HEIGHT = 15;

/** The mark of each strategy's points, by its place in the results, repeated after the tenth. */
const MARKERS = ['●', '■', '◆', '▼', '○', '□', '◇', '▽', '×', '+'] as const;

/** The mark of the cells that join two points of one strategy. */
const JOIN = '·';

const Y_LABEL = 'wasted requests (count)';

/** The units of the latency axis, largest first, with their size in milliseconds. */
const LATENCY_UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** One strategy's points in sweep order, and the sweep values where it has no latency. */
interface Series {
  readonly name: string;
  readonly index: number;
  readonly points: { readonly latencyMs: number; readonly wasted: number }[];
  readonly leftOut: string[];
  /** Drawn points whose consumers missed events, as `0.5 (20 of 45)`. */
  readonly missed: string[];
}

/** A cell of the library's grid: column and row, counted from its top left corner. */
interface Cell {
  readonly x: number;
  readonly y: number;
}

/** The placement of the chart's parts: the axes, and the points of each drawn series. */
interface Layout {
  readonly unit: string;
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  /** Columns of the plotting area. */
  readonly width: number;
  /** Each series' points in the axes' units: latency in `unit`, wasted requests. */
  readonly values: readonly [number, number][][];
  readonly cells: readonly Cell[][];
}

/**
 * Renders the trade-off of a sweep as a chart: for each strategy, one point per sweep value at
 * (mean notification latency, wasted requests), joined in sweep order. A point where no event
 * reached a consumer has no latency and is left out, and the legend names its sweep values.
 */
export function renderSweepChart(report: SweepReport, style: Style = PLAIN_STYLE): string {
  const title = wrapStyled(
    'Trade-off: wasted requests against mean latency, one point per ' +
      `${report.sweep.flag} value`,
    MAX_WIDTH,
  );
  const series = collectSeries(report);
  const drawn = series.filter((line) => line.points.length > 0);

  if (drawn.length === 0) {
    const none = 'No point to draw: no event reached a consumer at any sweep value.';
    const legend = series.map((line) => legendLine(line, 0, style));
    return `${[title, none, ...legend].join('\n')}\n`;
  }

  const layout = layOut(drawn);
  const covered = countCovered(layout.cells);
  const legend = series.map((line) => legendLine(line, covered[drawn.indexOf(line)] ?? 0, style));
  return `${[title, plotLayout(drawn, layout, style), ...legend].join('\n')}\n`;
}

/** Collects each strategy's points, strategies in the order they first appear in the sweep. */
function collectSeries(report: SweepReport): Series[] {
  const byName = new Map<string, Series>();

  for (const point of report.points) {
    for (const result of point.results) {
      let series = byName.get(result.strategy);
      if (series === undefined) {
        series = {
          name: result.strategy,
          index: byName.size,
          points: [],
          leftOut: [],
          missed: [],
        };
        byName.set(result.strategy, series);
      }

      const { missed, notified, total } = result.events;
      if (notified === 0) series.leftOut.push(point.value);
      else series.points.push({ latencyMs: result.latencyMs.mean, wasted: result.wastedRequests });
      if (notified > 0 && missed > 0) {
        series.missed.push(`${point.value} (${formatCount(missed)} of ${formatCount(total)})`);
      }
    }
  }

  return [...byName.values()];
}

/**
 * Chooses the axes: latency in the largest unit that keeps the slowest mean at 1 or more, and
 * both axes from 0 to a round value above every point. Then places each point in a cell.
 */
function layOut(series: readonly Series[]): Layout {
  const maxMs = Math.max(...series.flatMap((line) => line.points.map((p) => p.latencyMs)));
  const [unit, unitMs] = latencyUnit(maxMs);
  const maxWasted = Math.max(...series.flatMap((line) => line.points.map((p) => p.wasted)));
  const xTicks = niceTicks(maxMs / unitMs, 6, false);
  const yTicks = niceTicks(maxWasted, 5);

  // Each line contains the plotting area, the widest y label and at most three columns of axes.
  const labelWidth = Math.max(...yTicks.map((tick) => formatCount(tick).length));
  const width = Math.min(PLOT_WIDTH, MAX_WIDTH - labelWidth - 3);

  const values = series.map((line) =>
    line.points.map((p): [number, number] => [p.latencyMs / unitMs, p.wasted]),
  );
  const top = [xTicks.at(-1) as number, yTicks.at(-1) as number] as const;
  const cells = values.map((line) => line.map(([x, y]) => toCell(x, y, width, top)));
  return { unit, xTicks, yTicks, width, values, cells };
}

/**
 * Draws the axes with simple-ascii-chart and the points and joins with its `lineFormatter`.
 * The library's own lines run through the points sorted by x and as steps, but a trade-off
 * curve joins them in sweep order, and without colour each strategy needs a mark of its own.
 */
function plotLayout(series: readonly Series[], layout: Layout, style: Style): string {
  const top: [number, number] = [layout.xTicks.at(-1) as number, layout.yTicks.at(-1) as number];
  let drawn = false;

  // The first line is a frame from (0, 0) to the last ticks, which the formatter never draws,
  // so that both axes start at 0 and end at a tick.
  const chart = plot([[[0, 0], top], ...layout.values], {
    width: layout.width,
    height: PLOT_HEIGHT,
    customXAxisTicks: [...layout.xTicks],
    customYAxisTicks: [...layout.yTicks],
    xLabel: `mean notification latency (${layout.unit})`,
    formatter: (value, { axis }) => (axis === 'x' ? formatTick(value) : formatCount(value)),
    // The library calls this once per point. The first call draws every series at once, so
    // that the marks of all series lie on top of all joins.
    lineFormatter: () => {
      if (drawn) return [];
      drawn = true;
      return drawSeries(series, layout.cells, style);
    },
  });

  return tidy(chart);
}

/** Lists the cells of every join, then of every mark, each in its strategy's colour. */
function drawSeries(
  series: readonly Series[],
  cells: readonly Cell[][],
  style: Style,
): CustomSymbol[] {
  const joins = series.flatMap((line, order) =>
    joinCells(cells[order] ?? []).map((cell) => ({
      ...cell,
      symbol: style.strategy(line.index, JOIN),
    })),
  );
  const marks = series.flatMap((line, order) =>
    (cells[order] ?? []).map((cell) => ({
      ...cell,
      symbol: style.strategy(line.index, marker(line)),
    })),
  );
  return [...joins, ...marks];
}

/**
 * Maps a value to a cell of the library's grid, whose plotting area starts at column 1 and
 * row 1 with the largest y. The arithmetic is the library's own, so marks and ticks agree.
 */
function toCell(x: number, y: number, width: number, top: readonly [number, number]): Cell {
  const scaledX = ((width - 1) * x) / top[0];
  const scaledY = ((PLOT_HEIGHT - 1) * y) / top[1];
  return { x: Math.round(scaledX) + 1, y: PLOT_HEIGHT - Math.round(scaledY) };
}

/** Lists the cells on the straight line between each two neighbouring cells, ends excluded. */
function joinCells(cells: readonly Cell[]): Cell[] {
  const joins: Cell[] = [];

  for (let index = 1; index < cells.length; index++) {
    const from = cells[index - 1] as Cell;
    const to = cells[index] as Cell;
    const steps = Math.max(Math.abs(to.x - from.x), Math.abs(to.y - from.y));
    for (let step = 1; step < steps; step++) {
      const x = Math.round(from.x + ((to.x - from.x) * step) / steps);
      const y = Math.round(from.y + ((to.y - from.y) * step) / steps);
      joins.push({ x, y });
    }
  }

  return joins;
}

/**
 * Counts, for each series, the points whose cell a later series' mark takes, because the
 * marks are drawn in order and the last one in a cell is the one that shows.
 */
function countCovered(cells: readonly Cell[][]): number[] {
  const owner = new Map<string, number>();
  cells.forEach((line, order) => {
    for (const cell of line) owner.set(`${cell.x},${cell.y}`, order);
  });

  return cells.map(
    (line, order) => line.filter((cell) => owner.get(`${cell.x},${cell.y}`) !== order).length,
  );
}

/**
 * Removes the blank lines around the library's chart and the spaces at line ends, and writes
 * the y label beside the arrow at the top of the y axis.
 */
function tidy(chart: string): string {
  const lines = chart.split('\n').map((line) => line.trimEnd());
  while (lines[0] === '') lines.shift();
  while (lines.at(-1) === '') lines.pop();

  const arrow = lines.findIndex((line) => line.includes('▲'));
  if (arrow >= 0) lines[arrow] = `${lines[arrow]} ${Y_LABEL}`;
  return lines.join('\n');
}

/**
 * Writes a strategy's legend entry, which names what the chart does not show: sweep values
 * without latency, points whose consumers missed events, and points under another's mark.
 */
function legendLine(series: Series, covered: number, style: Style): string {
  const mark = style.strategy(series.index, marker(series));
  const notes: string[] = [];

  if (series.points.length === 0) {
    notes.push('not drawn, because no event reached its consumers at any sweep value.');
  } else if (series.leftOut.length > 0) {
    const values = series.leftOut.join(', ');
    notes.push(`no point at ${values}, because no event reached its consumers there.`);
  }
  if (series.missed.length > 0) {
    // Its place shows neither, so a point with missed events could pass for a good one.
    const start = notes.length === 0 ? 'missed' : 'Missed';
    notes.push(`${start} events at ${series.missed.join(', ')}.`);
  }
  if (covered > 0) {
    const where =
      covered === series.points.length
        ? 'every point'
        : `${covered} of ${series.points.length} points`;
    notes.push(
      `${notes.length === 0 ? 'its' : 'Its'} mark lies under another strategy's at ${where}.`,
    );
  }

  const text =
    notes.length === 0 ? `${mark} ${series.name}` : `${mark} ${series.name}: ${notes.join(' ')}`;
  return wrapStyled(text, MAX_WIDTH);
}

function marker(series: Series): string {
  return MARKERS[series.index % MARKERS.length] as string;
}

/**
 * Picks the largest unit in which `maxMs` is 1 or more, so that the axis reads like the
 * table's latencies: `14.5 min` is plotted as 14.5 on an axis in minutes.
 */
function latencyUnit(maxMs: number): readonly [string, number] {
  const unit = LATENCY_UNITS.find(([, size]) => maxMs >= size);
  return unit ?? (LATENCY_UNITS.at(-1) as readonly [string, number]);
}

/**
 * Lists ticks from 0 to at least `max`, about `count` steps of 1, 2, 2.5 or 5 times a power of
 * ten. With `whole`, every tick is a whole number, because a count has no fractions.
 */
export function niceTicks(max: number, count: number, whole = true): number[] {
  const raw = max > 0 ? max / count : 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 2.5, 5, 10].map((m) => Number((m * power).toPrecision(12)));
  const usable = whole ? candidates.filter((c) => Number.isInteger(c) && c >= 1) : candidates;
  const step = usable.find((c) => raw <= c) ?? usable.at(-1) ?? 1;
  // The tolerance keeps a maximum that is a multiple of the step, such as 1.1 with a step of
  // 0.1, from gaining a tick through rounding. A maximum above the last tick by less than a
  // billionth of a step lands on that tick's row anyway.
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));

  const ticks: number[] = [];
  // Multiplying, not adding, keeps rounding errors from piling up, and 12 significant digits
  // remove what remains, such as 0.30000000000000004.
  for (let index = 0; index <= steps; index++) ticks.push(Number((index * step).toPrecision(12)));
  return ticks;
}

/** Writes a tick of the latency axis with at most three significant digits. */
function formatTick(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}
