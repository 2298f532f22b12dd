import type { StrategyCost } from '../metrics/cost.ts';
import { costOfResult, windowLengthMs } from '../metrics/cost.ts';
import type { Prices } from '../model/prices.ts';
import type { StrategyReport } from '../runtime/run.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import type { PriceSummary } from './cost.ts';
import { summarizePrices } from './cost.ts';

/** A sweep whose every result carries its cost, with the prices it was costed at. */
export interface PricedSweepReport extends SweepReport {
  readonly prices: PriceSummary;
}

/**
 * Adds to each result of a sweep what it costs at `prices`, scaled from its point's window, so
 * that a sweep shows how cost moves with the swept value.
 */
export function priceSweep(report: SweepReport, prices: Prices): PricedSweepReport {
  const points = report.points.map((point) => {
    const windowMs = windowLengthMs(point.world);
    const results = point.results.map((result) => ({
      ...result,
      cost: costOfResult(result, windowMs, prices),
    }));
    return { ...point, results };
  });

  return { ...report, points, prices: summarizePrices(prices) };
}

/** Tells whether a sweep was costed. */
export function isPriced(report: SweepReport): report is PricedSweepReport {
  return 'prices' in report;
}

/** Returns the cost a priced sweep added to a result, or `undefined` for an unpriced one. */
export function costOf(result: StrategyReport): StrategyCost | undefined {
  return (result as { readonly cost?: StrategyCost }).cost;
}
