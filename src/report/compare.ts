import Table from 'cli-table3';
import type { Slack } from '../runtime/live.ts';
import type { RunReport, StrategyReport } from '../runtime/run.ts';
import { formatCount, formatDuration, wrap } from './format.ts';

const LATENCY_FIELDS = ['mean', 'p50', 'p99', 'max'] as const;

interface Comparison {
  readonly sim: RunReport;
  readonly live: RunReport;
}

/**
 * Renders a simulated and a live run of the same scenario side by side: for each strategy a
 * sim row, a live row and a row of differences (live minus sim).
 */
export function renderComparison({ sim, live }: Comparison): string {
  const table = new Table({
    head: ['strategy', 'mode', 'requests', 'wasted', 'deliveries', ...LATENCY_FIELDS, 'missed'],
    colAligns: [
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ],
    style: { head: [], border: [] },
  });

  for (const simResult of sim.results) {
    const liveResult = live.results.find((result) => result.strategy === simResult.strategy);
    table.push(row(simResult, 'sim'));
    if (liveResult === undefined) continue;
    table.push(row(liveResult, 'live'), differenceRow(simResult, liveResult));
  }

  const title =
    `${sim.scenario}: sim and live, seed ${sim.seed}, interval ${sim.options.interval}, ` +
    `latency ${sim.options.latency}, time scale ${live.options.timeScale}`;
  return `${title}\n${table.toString()}\n${wrap(explain(live), 100)}\n`;
}

/** Renders both runs and their differences as one JSON object. */
export function renderComparisonJson({ sim, live }: Comparison): string {
  const differences = sim.results.flatMap((simResult) => {
    const liveResult = live.results.find((result) => result.strategy === simResult.strategy);
    return liveResult === undefined ? [] : [difference(simResult, liveResult)];
  });
  return `${JSON.stringify({ sim, live, differences }, null, 2)}\n`;
}

function row(result: StrategyReport, mode: string): string[] {
  return [
    result.strategy,
    mode,
    formatCount(result.requests),
    formatCount(result.wastedRequests),
    formatCount(result.deliveries),
    ...LATENCY_FIELDS.map((field) => formatDuration(result.latencyMs[field])),
    formatCount(result.events.missed),
  ];
}

function differenceRow(sim: StrategyReport, live: StrategyReport): string[] {
  const change = difference(sim, live);
  return [
    '',
    'live - sim',
    signed(change.requests, formatCount),
    signed(change.wastedRequests, formatCount),
    signed(change.deliveries, formatCount),
    ...LATENCY_FIELDS.map((field) => signed(change.latencyMs[field], formatDuration)),
    signed(change.missed, formatCount),
  ];
}

/** Live minus sim for each figure, and the bound that latency differences should stay within. */
export function difference(sim: StrategyReport, live: StrategyReport) {
  const slack = live.live?.slack;
  const scale = live.live === undefined ? 0 : liveScale(live);

  return {
    strategy: sim.strategy,
    requests: live.requests - sim.requests,
    wastedRequests: live.wastedRequests - sim.wastedRequests,
    deliveries: live.deliveries - sim.deliveries,
    missed: live.events.missed - sim.events.missed,
    latencyMs: {
      mean: live.latencyMs.mean - sim.latencyMs.mean,
      p50: live.latencyMs.p50 - sim.latencyMs.p50,
      p99: live.latencyMs.p99 - sim.latencyMs.p99,
      max: live.latencyMs.max - sim.latencyMs.max,
    },
    latencyBoundMs: slack === undefined ? 0 : slackSum(slack) * scale,
  };
}

function liveScale(result: StrategyReport): number {
  return result.live?.timeScale ?? 1;
}

function slackSum(slack: Slack): number {
  return slack.loopbackMs + slack.lateMs + slack.handlingMs + slack.clockSyncMs;
}

function signed(value: number, format: (value: number) => string): string {
  if (value === 0) return '0';
  return value > 0 ? `+${format(value)}` : `-${format(-value)}`;
}

function explain(live: RunReport): string {
  const bounds = live.results.map((result) => {
    const slack = result.live?.slack;
    if (slack === undefined) return '';
    const bound = formatDuration(slackSum(slack) * liveScale(result));
    const parts =
      `loopback ${slack.loopbackMs.toFixed(1)} ms + late sends ${slack.lateMs.toFixed(1)} ms + ` +
      `handling ${slack.handlingMs.toFixed(1)} ms + clock sync ${slack.clockSyncMs.toFixed(2)} ms`;
    return `${result.strategy} ${bound} (${parts}, real)`;
  });

  return (
    'With constant intervals and delays, counts should match exactly. Live latencies run ' +
    'later than simulated ones by up to the slowest loopback request, plus the latest send ' +
    'after its scenario time, the longest wait of a push before its handler, and the ' +
    "uncertainty of the two processes' clocks, times the time scale: " +
    `${bounds.filter((text) => text !== '').join('; ')}.`
  );
}
