import Table from 'cli-table3';
import { parseDuration } from '../engine/units.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { RunReport, StrategyReport } from '../runtime/run.ts';
import { formatBytes, formatCount, formatDuration, formatPercent, wrap } from './format.ts';
import type { Style } from './style.ts';
import { PLAIN_STYLE, wrapStyled } from './style.ts';
import { summarize } from './summary.ts';

/** The columns of a run's main table, and of the figures in its HTML report. */
export const HEAD = [
  'strategy',
  'requests',
  'wasted',
  'deliveries',
  'mean',
  'p50',
  'p99',
  'max',
  'missed',
];

/** Renders a run as a table, a row per strategy, with the one-sentence summary under it. */
export function renderTable(report: RunReport, style: Style = PLAIN_STYLE): string {
  const live = report.mode === 'live';
  const head = live ? [...HEAD, 'bytes', 'producer CPU'] : HEAD;
  const table = new Table({
    head: head.map((text) => style.head(text)),
    colAligns: head.map((_, index) => (index === 0 ? 'left' : 'right')),
    // cli-table3 would colour the header and borders itself; the style decides instead.
    style: { head: [], border: [] },
  });

  report.results.forEach((result, index) => {
    const cells = row(result, index, style);
    table.push(live ? [...cells, ...liveCells(result)] : cells);
  });

  const title = runTitle(report);
  const notes = ['Latency is the time from an event to the consumer having it.'];
  if (live) notes.push(LIVE_NOTE, ...behindNotes(report));
  if (report.stopped === true) notes.push(STOPPED_NOTE);

  const lines = [title, table.toString(), ...notes.map((note) => wrap(note, 100))];
  lines.push(loadTable(report, style), wrap(live ? LOAD_NOTE_LIVE : LOAD_NOTE_SIM, 100));
  lines.push(wrapStyled(summarize(report, style), 100));
  return `${lines.join('\n')}\n`;
}

interface LoadColumn {
  readonly head: string;
  readonly cell: (result: StrategyResult) => string;
  /** The count that decides whether the column is shown; columns that always show have none. */
  readonly count?: (result: StrategyResult) => number;
}

const LOAD_COLUMNS: readonly LoadColumn[] = [
  { head: 'bytes', cell: (result) => formatBytes(result.bytes) },
  { head: 'peak/s', cell: (result) => formatCount(result.peakPerSecond) },
  {
    head: 'peak/mean',
    cell: (result) => (result.peakToMean === 0 ? '-' : `${formatRatio(result.peakToMean)}x`),
  },
  counted('failed', (result) => result.failedDeliveries),
  counted('retries', (result) => result.retries),
  counted('resets', (result) => result.resets),
  counted('copies dropped', (result) => result.events.duplicatesDropped),
  counted('duplicates', (result) => result.events.duplicates),
  counted('out of order', (result) => result.events.outOfOrder),
];

function counted(head: string, count: (result: StrategyResult) => number): LoadColumn {
  return { head, count, cell: (result) => formatCount(count(result)) };
}

/**
 * The second table: what each strategy costs the wire and the producer, and what went wrong.
 * A count that is zero for every strategy, such as retries in a run without faults, is left out.
 */
function loadTable(report: RunReport, style: Style): string {
  const columns = LOAD_COLUMNS.filter(
    (column) => column.count === undefined || report.results.some((r) => column.count!(r) > 0),
  );
  const head = ['strategy', ...columns.map((column) => column.head)];
  const table = new Table({
    head: head.map((text) => style.head(text)),
    colAligns: head.map((_, index) => (index === 0 ? 'left' : 'right')),
    style: { head: [], border: [] },
  });

  report.results.forEach((result, index) => {
    const name = style.strategy(index, result.strategy);
    table.push([name, ...columns.map((column) => column.cell(result))]);
  });

  return table.toString();
}

const LOAD_NOTE_SIM =
  'Bytes are modelled from typical HTTP sizes (docs/metrics.md). Peak/s is the most requests ' +
  'reaching the producer in any one second; peak/mean compares it with the mean over the window.';

const LOAD_NOTE_LIVE =
  'Bytes are counted on the sockets. Peak/s is the most requests reaching the producer in any ' +
  'one second; peak/mean compares it with the mean over the window.';

/** Writes a ratio with two significant digits below 10, and whole numbers above. */
function formatRatio(value: number): string {
  return value < 10 ? value.toPrecision(2) : formatCount(Math.round(value));
}

const LIVE_NOTE =
  'Latencies are in scenario time, so real delays count times the time scale. Bytes are ' +
  'counted on the sockets both ways, headers included. Producer CPU is the time spent by ' +
  "the producer's own process: its API and its push side.";

/**
 * Warns when a live run fell behind its schedule by more than a tenth of a poll interval, in
 * scenario time, because its figures then drift from what the simulator would show.
 */
function behindNotes(report: RunReport): string[] {
  const interval = parseDuration(report.options.interval ?? '') ?? Number.POSITIVE_INFINITY;
  const worst = Math.max(
    0,
    ...report.results.map(
      (result) => (result.live?.slack.lateMs ?? 0) * (result.live?.timeScale ?? 0),
    ),
  );
  if (worst <= interval / 10) return [];

  return [
    `The run fell behind its schedule by up to ${formatDuration(worst)} of scenario time; ` +
      'a lower --time-scale gives figures closer to the simulation.',
  ];
}

const STOPPED_NOTE = 'Stopped before the end: the figures cover the run so far.';

function liveCells(result: StrategyReport): string[] {
  if (result.live === undefined) return ['', ''];
  return [
    formatBytes(result.live.bytes.total),
    `${formatCount(Math.round(result.live.producerCpuMs))} ms`,
  ];
}

/**
 * Writes the cells of one strategy's row under `HEAD`, as text for people. `index` is the
 * strategy's place in the results, which picks its colour in `style`.
 */
export function row(result: StrategyResult, index = 0, style: Style = PLAIN_STYLE): string[] {
  const { latencyMs, events } = result;
  const missed = `${formatCount(events.missed)} of ${formatCount(events.total)}`;
  const wasted =
    result.requests === 0
      ? '0'
      : `${formatCount(result.wastedRequests)} (${formatPercent(result.wastedRequests / result.requests)})`;

  return [
    style.strategy(index, result.strategy),
    formatCount(result.requests),
    wasted,
    formatCount(result.deliveries),
    // With no event learned of there is no latency to show, and 0 ms would read as instant.
    ...(events.notified === 0
      ? ['-', '-', '-', '-']
      : [latencyMs.mean, latencyMs.p50, latencyMs.p99, latencyMs.max].map(formatDuration)),
    events.missed > 0 ? style.warning(missed) : missed,
  ];
}

/** Names the run in one line: scenario, mode, seed, and the size of its world. */
export function runTitle(report: RunReport): string {
  return `${report.scenario}: ${report.mode} run, seed ${report.seed}, ${describe(report)}`;
}

function describe(report: RunReport): string {
  const { options, world } = report;
  const parts = [
    plural(world.events, 'event'),
    plural(world.consumers, 'consumer'),
    `interval ${options.interval}`,
    `latency ${options.latency}`,
  ];
  if (options.timeScale !== undefined) parts.push(`time scale ${options.timeScale}`);
  return parts.join(', ');
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
