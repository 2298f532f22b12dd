import Table from 'cli-table3';
import { moments } from '../engine/distributions.ts';
import { parseDistribution, parseDuration } from '../engine/units.ts';
import type { BreakEven } from '../metrics/break-even.ts';
import { findBreakEven } from '../metrics/break-even.ts';
import type { StrategyCost } from '../metrics/cost.ts';
import { costOfResult, DAY_MS, DAYS_PER_MONTH, windowLengthMs } from '../metrics/cost.ts';
import type { Prices } from '../model/prices.ts';
import type { RunReport, StrategyReport } from '../runtime/run.ts';
import { formatCount, formatDuration, wrap } from './format.ts';

/** A strategy's figures with what they cost. */
export interface PricedResult extends StrategyReport {
  readonly cost: StrategyCost;
}

/** The prices a report was costed at, as `--json` shows them. */
export interface PriceSummary {
  readonly preset: string | null;
  readonly perRequest: number;
  readonly perDelivery: number;
  /** `USD` for a preset's own prices, and `null` when a price was given on the command line. */
  readonly currency: 'USD' | null;
  readonly daysPerMonth: number;
}

/** A run report with a cost per result and the break-even between polling and push. */
export interface PricedRunReport extends Omit<RunReport, 'results'> {
  readonly results: readonly PricedResult[];
  readonly prices: PriceSummary;
  readonly breakEven: BreakEven;
}

/** Adds to `report` what each strategy costs at `prices`, and where polling and push break even. */
export function priceReport(report: RunReport, prices: Prices): PricedRunReport {
  const windowMs = windowLengthMs(report.world);
  const results = report.results.map((result) => ({
    ...result,
    cost: costOfResult(result, windowMs, prices),
  }));
  const breakEven = findBreakEven({
    results: report.results,
    windowMs,
    events: report.world.events,
    prices,
    meanIntervalMs: meanInterval(report.options.interval),
  });

  return { ...report, results, prices: summarizePrices(prices), breakEven };
}

/** Describes `prices` as a report shows them. */
export function summarizePrices(prices: Prices): PriceSummary {
  return {
    preset: prices.preset ?? null,
    perRequest: prices.perRequest,
    perDelivery: prices.perDelivery,
    currency: prices.currency ?? null,
    daysPerMonth: DAYS_PER_MONTH,
  };
}

/** Reads the mean of the run's poll interval, or `undefined` when it has no simple mean. */
function meanInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return moments(parseDistribution(text, parseDuration))?.mean;
  } catch {
    return undefined;
  }
}

/**
 * Renders the cost table: requests and deliveries per day, and their cost per day and per
 * month, followed by a note on the scaling and the break-even sentence.
 */
export function renderCost(report: PricedRunReport): string {
  const head = ['strategy', 'requests/day', 'deliveries/day', 'cost/day', 'cost/month'];
  const table = new Table({
    head,
    colAligns: head.map((_, index) => (index === 0 ? 'left' : 'right')),
    style: { head: [], border: [] },
  });

  const days = windowLengthMs(report.world) / DAY_MS;
  for (const result of report.results) {
    table.push([
      result.strategy,
      days > 0 ? formatCount(Math.round(result.requests / days)) : '-',
      days > 0 ? formatCount(Math.round(result.deliveries / days)) : '-',
      formatMoney(result.cost.perDay),
      formatMoney(result.cost.perMonth),
    ]);
  }

  const lines = [priceTitle(report.prices), table.toString()];
  lines.push(wrap(scaleNote(report), 100), wrap(describeBreakEven(report.breakEven), 100));
  return `${lines.join('\n')}\n`;
}

/** Names the prices of a costed report in one line, with their currency when it is known. */
export function priceTitle(prices: PriceSummary): string {
  const request = `${perMillion(prices.perRequest)} per request`;
  const both = `${request} and ${perMillion(prices.perDelivery)} per delivery`;
  if (prices.preset === null) return `Cost at ${both}`;
  if (prices.currency === null) return `Cost at ${both} (${prices.preset}, with a price replaced)`;
  return `Cost in US dollars at the ${prices.preset} prices of ${both}`;
}

function scaleNote(report: PricedRunReport): string {
  const window = windowLengthMs(report.world);
  const scale =
    window > 0
      ? `Per day scales the run's ${formatDuration(window)} window to 24 h, and a month is ` +
        `${DAYS_PER_MONTH} days.`
      : "The run's window has no length, so there is no cost per day.";
  const left =
    report.prices.preset === null
      ? ''
      : ' The preset leaves out free tiers, compute time and data transfer (docs/costs.md).';
  return `${scale}${left}`;
}

/** States the break-even in one sentence. */
export function describeBreakEven(breakEven: BreakEven): string {
  if (breakEven.state === 'none') {
    return `No break-even between polling and push: ${breakEven.reason}.`;
  }

  const { polling, push, cheaperBelow, cheaperAbove } = breakEven;
  if (breakEven.eventsPerDay === null) {
    if (cheaperBelow === null) {
      return `Break-even: ${polling} and ${push} cost the same at any event rate.`;
    }
    const other = cheaperBelow === push ? polling : push;
    return `Break-even: none, because ${cheaperBelow} costs less than ${other} at any event rate.`;
  }

  const rate = formatEventRate(breakEven.eventsPerDay);
  const runRate = formatEventRate(breakEven.runEventsPerDay);
  const start =
    `Break-even: ${polling} and ${push} cost the same at ${rate} (this run: ${runRate}), so ` +
    `${cheaperBelow} costs less below that rate and ${cheaperAbove} above it`;
  if (breakEven.intervalMs === null) return `${start}.`;

  const interval = formatDuration(breakEven.intervalMs);
  return `${start}, and at this run's rate they cost the same with polls ${interval} apart.`;
}

/** Formats events per day per second, minute, hour or day: the first that reaches 1 or more. */
function formatEventRate(perDay: number): string {
  const units: [string, number][] = [
    ['second', 86_400],
    ['minute', 1_440],
    ['hour', 24],
  ];

  for (const [unit, perDayUnits] of units) {
    const value = perDay / perDayUnits;
    if (value >= 1) return `${significant(value)} events ${unit === 'hour' ? 'an' : 'a'} ${unit}`;
  }
  return `${significant(perDay)} events a day`;
}

function significant(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Formats a price per unit as a price per million, such as `0.4/M`. */
function perMillion(price: number): string {
  return `${significant(price * 1e6)}/M`;
}

/** Formats money with two decimals from 1 up, and three significant digits below. */
export function formatMoney(value: number | null): string {
  if (value === null) return '-';
  if (value === 0) return '0';
  if (value >= 1) {
    return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  return value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}
