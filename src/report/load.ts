import Table from 'cli-table3';
import type { LoadReport } from '../runtime/run.ts';
import { formatCount, wrap } from './format.ts';

/** Renders a load run as a short table with a line on how it was measured. */
export function renderLoad(report: LoadReport): string {
  const { load } = report;
  const table = new Table({
    head: [
      'connections',
      'requests',
      'req/s mean',
      'req/s min',
      'req/s max',
      'p50',
      'p99',
      'max',
      'errors',
    ],
    colAligns: Array.from({ length: 9 }, () => 'right' as const),
    style: { head: [], border: [] },
  });

  table.push([
    formatCount(load.connections),
    formatCount(load.requests),
    formatCount(Math.round(load.requestsPerSecond.mean)),
    formatCount(load.requestsPerSecond.min),
    formatCount(load.requestsPerSecond.max),
    `${load.latencyMs.p50} ms`,
    `${load.latencyMs.p99} ms`,
    `${load.latencyMs.max} ms`,
    formatCount(load.errors + load.non2xx),
  ]);

  const title = `${report.scenario}: poll load on GET ${load.path} for ${load.durationSeconds} s`;
  const note =
    'autocannon runs in a worker thread beside the producer on 127.0.0.1. Latency is ' +
    'closed-loop, in whole ms: a connection sends its next poll only after the last answer.';
  return `${title}\n${table.toString()}\n${wrap(note, 100)}\n`;
}

export function renderLoadJson(report: LoadReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
