import Table from 'cli-table3';
import type { StrategyResult } from '../metrics/result.ts';
import type { RunReport } from '../runtime/run.ts';
import { formatCount, formatDuration, formatPercent, wrap } from './format.ts';
import { summarize } from './summary.ts';

const HEAD = [
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
export function renderTable(report: RunReport): string {
  const table = new Table({
    head: HEAD,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });

  for (const result of report.results) table.push(row(result));

  const title = `${report.scenario}: ${report.mode} run, seed ${report.seed}, ${describe(report)}`;
  const note = 'Latency is the time from an event to the consumer having it.';
  return `${title}\n${table.toString()}\n${note}\n${wrap(summarize(report), 100)}\n`;
}

function row(result: StrategyResult): string[] {
  const { latencyMs, events } = result;
  const wasted =
    result.requests === 0
      ? '0'
      : `${formatCount(result.wastedRequests)} (${formatPercent(result.wastedRequests / result.requests)})`;

  return [
    result.strategy,
    formatCount(result.requests),
    wasted,
    formatCount(result.deliveries),
    formatDuration(latencyMs.mean),
    formatDuration(latencyMs.p50),
    formatDuration(latencyMs.p99),
    formatDuration(latencyMs.max),
    `${formatCount(events.missed)} of ${formatCount(events.total)}`,
  ];
}

function describe(report: RunReport): string {
  const { options, world } = report;
  return [
    `${formatCount(world.events)} events`,
    `${formatCount(world.consumers)} consumers`,
    `interval ${options.interval}`,
    `latency ${options.latency}`,
  ].join(', ');
}
