import { PollVsPushError } from '../errors.ts';
import type { Prices } from '../model/prices.ts';
import { resolvePrices } from '../model/prices.ts';
import { priceReport, renderCost } from '../report/cost.ts';
import { renderJson } from '../report/json.ts';
import type { Style } from '../report/style.ts';
import { PLAIN_STYLE } from '../report/style.ts';
import { renderTable } from '../report/table.ts';
import type { RunReport } from '../runtime/run.ts';

/**
 * Reads `--cost-preset`, `--cost-per-request` and `--cost-per-delivery` from parsed options, or
 * returns `undefined` when none was given. It runs before the simulation, so that a bad price
 * fails at once.
 */
export function readCostOptions(
  values: Readonly<Record<string, string | boolean | undefined>>,
): Prices | undefined {
  const text = (flag: string) => {
    const value = values[flag];
    return typeof value === 'string' ? value : undefined;
  };

  const prices = resolvePrices({
    preset: text('cost-preset'),
    perRequest: text('cost-per-request'),
    perDelivery: text('cost-per-delivery'),
  });
  if (prices === undefined) return undefined;

  if (values.compare === true) throw notWith('--compare');
  if (values.load === true) throw notWith('--load');
  return prices;
}

function notWith(flag: string): PollVsPushError {
  return new PollVsPushError(
    'PVP_INVALID_OPTION',
    `the cost options apply to a run's table and --json, not to ${flag}; leave out ${flag} ` +
      'or the cost options',
  );
}

/** Renders a run with its costs: the usual table followed by the cost table, or one JSON object. */
export function renderPricedRun(
  report: RunReport,
  prices: Prices,
  json: boolean,
  style: Style = PLAIN_STYLE,
): string {
  const priced = priceReport(report, prices);
  return json ? renderJson(priced) : `${renderTable(report, style)}${renderCost(priced)}`;
}
