import type { RunReport, StrategyReport } from '../runtime/run.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import { costOf, isPriced } from './sweep-cost.ts';
import { sweepRows } from './sweep-rows.ts';

type CsvValue = number | string | undefined;

/** A CSV column: its header and its value for one strategy's result, unformatted. */
export interface CsvColumn {
  readonly head: string;
  readonly value: (result: StrategyReport) => CsvValue;
}

/**
 * The columns of every CSV row, for plain runs and sweeps alike, in order. Durations are in ms,
 * shares are fractions from 0 to 1, and a value that does not apply is left empty.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { head: 'strategy', value: (r) => r.strategy },
  { head: 'requests', value: (r) => r.requests },
  { head: 'wasted_requests', value: (r) => r.wastedRequests },
  {
    head: 'wasted_share',
    value: (r) => (r.requests === 0 ? undefined : r.wastedRequests / r.requests),
  },
  { head: 'deliveries', value: (r) => r.deliveries },
  { head: 'failed_deliveries', value: (r) => r.failedDeliveries },
  { head: 'retries', value: (r) => r.retries },
  { head: 'resets', value: (r) => r.resets },
  { head: 'bytes', value: (r) => r.bytes },
  { head: 'peak_per_second', value: (r) => r.peakPerSecond },
  { head: 'peak_per_100ms', value: (r) => r.peakPer100ms },
  { head: 'peak_to_mean', value: (r) => r.peakToMean },
  { head: 'latency_mean_ms', value: (r) => r.latencyMs.mean },
  { head: 'latency_p50_ms', value: (r) => r.latencyMs.p50 },
  { head: 'latency_p95_ms', value: (r) => r.latencyMs.p95 },
  { head: 'latency_p99_ms', value: (r) => r.latencyMs.p99 },
  { head: 'latency_max_ms', value: (r) => r.latencyMs.max },
  { head: 'events', value: (r) => r.events.total },
  { head: 'notified', value: (r) => r.events.notified },
  { head: 'missed', value: (r) => r.events.missed },
  { head: 'duplicates', value: (r) => r.events.duplicates },
  { head: 'duplicates_dropped', value: (r) => r.events.duplicatesDropped },
  { head: 'out_of_order', value: (r) => r.events.outOfOrder },
];

/** The figures that only a live run measures, added after the other columns of a live run. */
const LIVE_COLUMNS: readonly CsvColumn[] = [
  { head: 'live_bytes', value: (r) => r.live?.bytes.total },
  { head: 'producer_cpu_ms', value: (r) => r.live?.producerCpuMs },
  { head: 'consumer_cpu_ms', value: (r) => r.live?.consumerCpuMs },
  { head: 'wall_ms', value: (r) => r.live?.wallMs },
];

/** The columns a costed sweep adds: the cost of the point's run, and scaled to a month. */
const COST_COLUMNS: readonly CsvColumn[] = [
  { head: 'cost_total', value: (r) => money(costOf(r)?.total) },
  { head: 'cost_per_month', value: (r) => money(costOf(r)?.perMonth ?? undefined) },
];

/**
 * Rounds money to 12 significant digits, which drops the float noise of a sum of products, such
 * as 0.012528000000000001, and keeps every digit a price list could give.
 */
function money(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.toPrecision(12));
}

/** Renders a run as CSV: a header row, then one row per strategy. */
export function renderCsv(report: RunReport): string {
  const columns = report.mode === 'live' ? [...CSV_COLUMNS, ...LIVE_COLUMNS] : CSV_COLUMNS;
  const lines = [
    line(columns.map((column) => column.head)),
    ...report.results.map((result) => line(columns.map((column) => column.value(result)))),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Renders a sweep as CSV: a header row, then one row per point and strategy. The first columns
 * hold the swept value: as the option text, such as `1.94m`, and as a number in the unit its
 * header names, such as `interval_ms`. A count or a plain number has only the number.
 */
export function renderSweepCsv(report: SweepReport): string {
  const { name, unit } = report.sweep;
  const valueHeads = unit === undefined ? [name] : [name, `${name}_${UNIT_SUFFIXES[unit] ?? unit}`];

  const columns = isPriced(report) ? [...CSV_COLUMNS, ...COST_COLUMNS] : CSV_COLUMNS;
  const rows = sweepRows(report).map(({ point, result }) => {
    const value = unit === undefined ? [point.amount] : [point.value, point.amount];
    return line([...value, ...columns.map((column) => column.value(result))]);
  });

  const head = line([...valueHeads, ...columns.map((column) => column.head)]);
  return `${[head, ...rows].join('\n')}\n`;
}

const UNIT_SUFFIXES: Readonly<Record<string, string>> = { ms: 'ms', 'per second': 'per_s' };

function line(values: readonly CsvValue[]): string {
  return values.map(field).join(',');
}

/**
 * Writes one field as RFC 4180 specifies: a field that contains a comma, a quote or a line break
 * is quoted, with each quote doubled. Numbers keep every digit that `String` prints.
 */
function field(value: CsvValue): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
