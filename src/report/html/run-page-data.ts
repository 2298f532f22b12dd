import type { Prices } from '../../model/prices.ts';
import type { RunReport } from '../../runtime/run.ts';
import type { StrategyCurves } from '../../runtime/run-curves.ts';
import type { TimelineEntry } from '../../runtime/timeline.ts';
import { describeBreakEven, formatMoney, priceReport, priceTitle } from '../cost.ts';
import { summarize } from '../summary.ts';
import { HEAD, row, runTitle } from '../table.ts';
import { describeEntry } from '../timeline.ts';
import type { FiguresTable, PageOptions } from './page-options.ts';
import { pageOptions } from './page-options.ts';
import { colourOf } from './strategy-colours.ts';

/**
 * The data of a plain run's page. Every label is made here, so the page's script only places
 * what it is given.
 */
export interface RunPageData {
  readonly kind: 'run';
  readonly title: string;
  readonly summary: string;
  readonly figures: FiguresTable;
  readonly conversation: ConversationData;
  readonly latency: readonly LatencySeries[];
  readonly load: LoadData;
  readonly reproduce: PageOptions;
}

/** One point of the conversation chart: a message the consumer saw, or an event it wants. */
export interface ConversationPoint {
  /** Minutes since the window opened. */
  readonly x: number;
  /** The row: 0 for the events, then one per strategy in the run's order. */
  readonly y: number;
  readonly look: PointLook;
  readonly text: string;
}

/**
 * The style of a point: an event, a response with nothing new, a response with news, a push, a
 * step of setting up (subscribing, opening a stream), or a failure.
 */
export type PointLook = 'event' | 'empty' | 'news' | 'push' | 'setup' | 'failure';

export interface ConversationData {
  /** The consumer the chart follows, such as `consumer 0`. */
  readonly consumer: string;
  /** The row names, `events` first. */
  readonly rows: readonly string[];
  readonly points: readonly ConversationPoint[];
  /** The window's start in ISO 8601, which the x axis counts from. */
  readonly start: string;
  /** Messages left out per strategy because a timeline keeps a limited number. */
  readonly omitted: readonly number[];
}

/** One strategy's latency distribution: each point is [latency in seconds, share at most it]. */
export interface LatencySeries {
  readonly strategy: string;
  readonly colour: string;
  readonly points: readonly (readonly [number, number])[];
}

/** Requests and pushes at the producer over the window, one count per bin per strategy. */
export interface LoadData {
  readonly start: string;
  readonly binMinutes: number;
  readonly series: readonly {
    readonly strategy: string;
    readonly colour: string;
    readonly counts: readonly number[];
  }[];
}

/**
 * Builds the data of a run's report page. The report must contain curves, which a simulated run
 * records when its input sets `curves`.
 */
export function runPageData(report: RunReport, command: string, prices?: Prices): RunPageData {
  const curves = report.curves ?? [];
  return {
    kind: 'run',
    title: runTitle(report),
    summary: prices === undefined ? summarize(report) : pricedSummary(report, prices),
    figures: figuresOf(report, prices),
    conversation: conversationData(report, curves),
    latency: curves.map(latencySeries),
    load: loadData(report, curves),
    reproduce: pageOptions(report, command),
  };
}

/** Builds the run's table, with each strategy's cost per 30-day month when prices are given. */
function figuresOf(report: RunReport, prices: Prices | undefined): FiguresTable {
  const rows = report.results.map((result) => row(result));
  if (prices === undefined) return { head: HEAD, rows };

  const priced = priceReport(report, prices);
  return {
    head: [...HEAD, 'cost/month'],
    rows: rows.map((cells, index) => [
      ...cells,
      formatMoney(priced.results[index]?.cost.perMonth ?? null),
    ]),
  };
}

/** Writes the summary sentence followed by the prices and the polling-push break-even. */
function pricedSummary(report: RunReport, prices: Prices): string {
  const priced = priceReport(report, prices);
  return `${summarize(report)} ${priceTitle(priced.prices)}. ${describeBreakEven(priced.breakEven)}`;
}

function conversationData(report: RunReport, curves: readonly StrategyCurves[]) {
  const start = Date.parse(report.world.windowStart);
  const minutes = (time: number) => (time - start) / 60_000;
  const points: ConversationPoint[] = [];

  // Every strategy's run has the same events; the first run's list marks them once.
  for (const entry of curves[0]?.conversation.entries ?? []) {
    if (entry.kind === 'event') {
      points.push({ x: minutes(entry.time), y: 0, look: 'event', text: describeEntry(entry) });
    }
  }

  curves.forEach((curve, index) => {
    const had = new Set<number>();
    for (const entry of curve.conversation.entries) {
      const look = lookOf(entry, had);
      if (look === undefined) continue;
      const text = `${curve.strategy}: ${describeEntry(entry)}`;
      points.push({ x: minutes(entry.time), y: index + 1, look, text });
    }
  });

  return {
    consumer: 'consumer 0',
    rows: ['events', ...curves.map((curve) => curve.strategy)],
    points,
    start: report.world.windowStart,
    omitted: curves.map((curve) => curve.conversation.omitted),
  };
}

/**
 * Picks the style of a consumer-side entry. It returns `undefined` for the entries the chart
 * leaves out: requests, because their responses are drawn, and the producer's side but for
 * failed pushes. `had` collects the events the consumer has so far, in time order, so that a
 * response is news only when it brings an event the consumer did not have, as the figures count.
 */
function lookOf(entry: TimelineEntry, had: Set<number>): PointLook | undefined {
  const { detail } = entry;
  const events = detail.events ?? [];

  switch (entry.kind) {
    case 'response': {
      if (detail.status !== 200 && detail.status !== 304) return 'failure';
      const news = events.some((seq) => !had.has(seq));
      for (const seq of events) had.add(seq);
      return news ? 'news' : 'empty';
    }
    case 'message':
      for (const seq of events) had.add(seq);
      return detail.closed === true ? 'failure' : 'push';
    case 'push-result':
      // A push that got no 2xx reached no handler, so without this mark it would not show.
      return detail.status !== undefined && detail.status >= 200 && detail.status < 300
        ? undefined
        : 'failure';
    case 'subscribed':
      return 'setup';
    case 'connected':
      return detail.state === 'open' ? 'setup' : 'failure';
    default:
      return undefined;
  }
}

function latencySeries(curve: StrategyCurves): LatencySeries {
  return {
    strategy: curve.strategy,
    colour: colourOf(curve.strategy),
    points: curve.latencyCdf.map((point) => [point.ms / 1_000, point.share] as const),
  };
}

function loadData(report: RunReport, curves: readonly StrategyCurves[]): LoadData {
  const binMs = curves[0]?.load.binMs ?? 60_000;
  const series = curves.map((curve) => ({
    strategy: curve.strategy,
    colour: colourOf(curve.strategy),
    counts: curve.load.requests.map((count, bin) => count + (curve.load.pushes[bin] ?? 0)),
  }));
  return { start: report.world.windowStart, binMinutes: binMs / 60_000, series };
}
